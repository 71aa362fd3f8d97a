package dev.orderplatform.order.timeout;

import dev.orderplatform.order.order.OrderRepository;
import dev.orderplatform.order.order.OrderRepository.Overdue;
import dev.orderplatform.order.protocol.OrderProtocol;
import dev.orderplatform.order.protocol.OrderProtocol.CloseResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The backstop of the timer messages (issue 10 item 2): an order's timer message is what normally closes it, but it
 * can be lost (its send failed after the order committed, it went to the dead-letter queue after the consumer's
 * retries, an offset reset, a lost broker store). Every {@code interval}, the orders still waiting for payment longer
 * than {@code grace} after their deadline are closed through {@link OrderProtocol#closeIfUnpaid}: the same
 * close-and-return transactional message as the timer's (A8), so the stock comes back exactly once.
 *
 * <p>Safe with several replicas sweeping at once, and against a late timer: closeIfUnpaid is a compare-and-set on the
 * status (A7), so of two closes of one order exactly one commits its return and the other's is rolled back.
 */
public class TimeoutSweeper {

    private static final Logger log = LoggerFactory.getLogger(TimeoutSweeper.class);

    private final OrderRepository orders;
    private final OrderProtocol protocol;
    private final TimeoutSweeperProperties properties;
    private final MeterRegistry metrics;
    private final TimeoutLateness lateness;

    public TimeoutSweeper(
            OrderRepository orders,
            OrderProtocol protocol,
            TimeoutSweeperProperties properties,
            MeterRegistry metrics,
            TimeoutLateness lateness) {
        this.orders = orders;
        this.protocol = protocol;
        this.properties = properties;
        this.metrics = metrics;
        this.lateness = lateness;
    }

    @Scheduled(
            fixedDelayString = "${orderplatform.timeout-sweeper.interval:1m}",
            initialDelayString = "${orderplatform.timeout-sweeper.interval:1m}")
    void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Timeout sweep failed; next one in {}", properties.interval(), e);
        }
    }

    /**
     * One sweep: every order due before now minus the grace, in batches in deadline order, each visited once (one
     * that cannot be closed now is left to the next sweep).
     */
    void sweep() {
        Instant dueBefore = Instant.now().minus(properties.grace());
        Overdue after = Overdue.FIRST;
        List<Overdue> batch;
        do {
            batch = orders.overdue(dueBefore, after, properties.batchSize());
            for (Overdue order : batch) {
                CloseResult result = protocol.closeIfUnpaid(order.orderSn());
                Counter.builder("orderplatform.orders.swept")
                        .description("Overdue unpaid orders the timeout sweeper tried to close, by result (CLOSED: "
                                + "closed by the sweeper because their timer message was lost)")
                        .tag("result", result.name())
                        .register(metrics)
                        .increment();
                if (result == CloseResult.CLOSED) {
                    lateness.closed(order.orderSn());
                    log.warn(
                            "Order {} was still waiting for payment after its deadline {} (its timeout message was "
                                    + "lost): closed by the sweeper",
                            order.orderSn(),
                            order.payDeadline());
                }
            }
            after = batch.isEmpty() ? after : batch.get(batch.size() - 1);
        } while (batch.size() == properties.batchSize());
    }
}
