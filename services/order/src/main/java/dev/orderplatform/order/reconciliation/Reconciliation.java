package dev.orderplatform.order.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import dev.orderplatform.contracts.inventory.v1.SellRecord;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.order.Order;
import dev.orderplatform.order.order.OrderRepository;
import dev.orderplatform.order.protocol.ConditionalOnProtocolMode;
import dev.orderplatform.order.protocol.OrderProtocol;
import dev.orderplatform.order.protocol.ProtocolMode;
import dev.orderplatform.order.protocol.ProtocolMetrics;
import dev.orderplatform.order.remote.InventoryGateway;

/**
 * A11: the broker discards a half message after its check limit; if that happens to the return of an order that
 * never became live, its deduction would stay forever. Periodically, every DEDUCTED sell record older than the grace
 * period whose order is absent or closed is returned through {@link OrderProtocol#repair}: a transactional return
 * whose local transaction is the fenced decision rule, so a repair never races a late creation.
 */
@Component
@ConditionalOnProtocolMode({ProtocolMode.RELIABLE, ProtocolMode.PRODUCER_PER_REQUEST}) // off in the baseline
public class Reconciliation implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final InventoryGateway inventory;
    private final OrderRepository orders;
    private final OrderProtocol protocol;
    private final ProtocolMetrics metrics;
    private final ReconciliationProperties properties;
    private final AtomicBoolean running = new AtomicBoolean();

    public Reconciliation(InventoryGateway inventory, OrderRepository orders, OrderProtocol protocol,
            ProtocolMetrics metrics, ReconciliationProperties properties) {
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

    /** One pass over all DEDUCTED sell records older than the grace period; answers what it found and repaired. */
    public Result run() {
        return run(properties.grace());
    }

    /** One pass over all DEDUCTED sell records older than {@code grace}. */
    public Result run(java.time.Duration grace) {
        if (!running.compareAndSet(false, true)) {
            return new Result(0, 0, List.of());
        }
        try {
            long createdBefore = Instant.now().minus(grace).toEpochMilli();
            int examined = 0;
            java.util.ArrayList<String> repaired = new java.util.ArrayList<>();
            String after = "";
            while (true) {
                List<SellRecord> page;
                try {
                    page = inventory.sellRecords(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED, createdBefore, after,
                            properties.pageSize());
                } catch (StatusRuntimeException e) {
                    log.warn("Reconciliation stopped: inventory unavailable ({})", e.getStatus());
                    break;
                }
                if (page.isEmpty()) {
                    break;
                }
                examined += page.size();
                Map<String, Order> live = orders.findAll(page.stream().map(SellRecord::getOrderSn).toList());
                for (SellRecord record : page) {
                    Order order = live.get(record.getOrderSn());
                    if (order != null && order.status().isLive()) {
                        continue; // the common case, no message needed
                    }
                    // Suspect: absent or closed. The protocol decides under the fence and emits the return.
                    if (protocol.repair(record.getOrderSn())) {
                        repaired.add(record.getOrderSn());
                        metrics.reconciliationRepair();
                        log.warn("Reconciliation: order {} ({}) held stock {} without being live: return emitted",
                                record.getOrderSn(), order == null ? "absent" : order.status(), record.getItemsList());
                    }
                }
                after = page.get(page.size() - 1).getOrderSn();
                if (page.size() < properties.pageSize()) {
                    break;
                }
            }
            if (!repaired.isEmpty() || log.isDebugEnabled()) {
                log.info("Reconciliation examined {} deductions, repaired {}", examined, repaired.size());
            }
            return new Result(examined, repaired.size(), List.copyOf(repaired));
        } finally {
            running.set(false);
        }
    }

    public record Result(int examined, int repairedCount, List<String> repaired) {
    }
}
