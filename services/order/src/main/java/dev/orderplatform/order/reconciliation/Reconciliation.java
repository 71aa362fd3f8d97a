package dev.orderplatform.order.reconciliation;

import dev.orderplatform.contracts.inventory.v1.SellRecord;
import dev.orderplatform.order.order.Order;
import dev.orderplatform.order.order.OrderRepository;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.protocol.OrderProtocol;
import dev.orderplatform.order.protocol.ProtocolMetrics;
import dev.orderplatform.order.remote.InventoryGateway;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * A11: the broker discards a half message after its check limit; if that happens to the return of an order that
 * never became live, its deduction would stay forever. Periodically, every DEDUCTED sell record older than the grace
 * period whose order is absent or closed is returned through {@link OrderProtocol#repair}: a transactional return
 * whose local transaction is the fenced decision rule, so a repair never races a late creation.
 * <p>
 * A paid order keeps its stock for good, so its record is marked settled when a run first sees it, and later runs
 * look only at unsettled deductions: each run's work is the orders still waiting for payment past the grace, the
 * orders paid since the last run and the suspects, not every deduction ever made.
 */
public class Reconciliation implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final InventoryGateway inventory;
    private final OrderRepository orders;
    private final OrderProtocol protocol;
    private final ProtocolMetrics metrics;
    private final ReconciliationProperties properties;
    private final AtomicBoolean running = new AtomicBoolean();

    public Reconciliation(
            InventoryGateway inventory,
            OrderRepository orders,
            OrderProtocol protocol,
            ProtocolMetrics metrics,
            ReconciliationProperties properties) {
        this.inventory = inventory;
        this.orders = orders;
        this.protocol = protocol;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.enabled()) {
            registrar.addFixedDelayTask(this::runSafely, properties.interval());
        }
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Reconciliation run failed; next run in {}", properties.interval(), e);
        }
    }

    /** One pass over the unsettled DEDUCTED sell records older than the grace period; answers what it did. */
    public Result run() {
        return run(properties.grace());
    }

    /** One pass over the unsettled DEDUCTED sell records older than {@code grace}. */
    public Result run(Duration grace) {
        if (!running.compareAndSet(false, true)) {
            return new Result(0, 0, 0, List.of());
        }
        try {
            Instant createdBefore = Instant.now().minus(grace);
            int examined = 0;
            int settled = 0;
            List<String> repaired = new ArrayList<>();
            String after = "";
            while (true) {
                List<SellRecord> page;
                try {
                    page = inventory.unsettledDeductions(createdBefore, after, properties.pageSize());
                } catch (StatusRuntimeException e) {
                    log.warn("Reconciliation stopped: inventory unavailable ({})", e.getStatus());
                    break;
                }
                if (page.isEmpty()) {
                    break;
                }
                examined += page.size();
                Map<String, Order> live =
                        orders.findAll(page.stream().map(SellRecord::getOrderSn).toList());
                List<String> paid = new ArrayList<>();
                for (SellRecord record : page) {
                    Order order = live.get(record.getOrderSn());
                    if (order != null && order.status().isLive()) {
                        if (order.status() == OrderStatus.TRADE_SUCCESS) {
                            paid.add(record.getOrderSn());
                        }
                        continue; // the common case, no message needed
                    }
                    // Suspect: absent or closed. The protocol decides under the fence and emits the return.
                    if (protocol.repair(record.getOrderSn())) {
                        repaired.add(record.getOrderSn());
                        metrics.reconciliationRepair();
                        log.warn(
                                "Reconciliation: order {} ({}) held stock {} without being live: return emitted",
                                record.getOrderSn(),
                                order == null ? "absent" : order.status(),
                                record.getItemsList());
                    }
                }
                if (!paid.isEmpty()) {
                    try {
                        settled += inventory.settle(paid);
                    } catch (StatusRuntimeException e) {
                        // Harmless: the next run looks at them again.
                        log.warn("Reconciliation could not settle {} paid orders ({})", paid.size(), e.getStatus());
                    }
                }
                after = page.get(page.size() - 1).getOrderSn();
                if (page.size() < properties.pageSize()) {
                    break;
                }
            }
            if (!repaired.isEmpty() || log.isDebugEnabled()) {
                log.info(
                        "Reconciliation examined {} deductions, settled {}, repaired {}",
                        examined,
                        settled,
                        repaired.size());
            }
            return new Result(examined, settled, repaired.size(), List.copyOf(repaired));
        } finally {
            running.set(false);
        }
    }

    /**
     * @param examined deductions looked at (unsettled, older than the grace)
     * @param settled  of them, the records of paid orders marked settled by this run
     */
    public record Result(int examined, int settled, int repairedCount, List<String> repaired) {}
}
