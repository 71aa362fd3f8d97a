package dev.orderplatform.order.protocol;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counters of the protocol (Prometheus names: {@code orderplatform_orders_placed_total} etc.). */
@Component
public class ProtocolMetrics {

    private final MeterRegistry registry;
    private final Counter created;
    private final Counter timeoutsClosed;
    private final Counter reconciliationRepairs;
    private final Counter timersNotSent;

    public ProtocolMetrics(MeterRegistry registry) {
        this.registry = registry;
        // "placed", not "created": OpenMetrics reserves the _created suffix, Prometheus would drop it from the name.
        this.created = Counter.builder("orderplatform.orders.placed")
                .description("Orders created")
                .register(registry);
        this.timeoutsClosed = Counter.builder("orderplatform.orders.timeouts.closed")
                .description("Unpaid orders closed by their timeout")
                .register(registry);
        this.reconciliationRepairs = Counter.builder("orderplatform.reconciliation.repairs")
                .description("Deductions without a live order whose return the reconciliation emitted (A11)")
                .register(registry);
        this.timersNotSent = Counter.builder("orderplatform.orders.timers.unsent")
                .description("Created orders whose timeout message could not be sent (the timeout sweeper closes them)")
                .register(registry);
    }

    void orderCreated() {
        created.increment();
    }

    void orderFailed(String reason) {
        Counter.builder("orderplatform.orders.failed")
                .description("Order creations that left no order")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void checkBack(String kind, String verdict) {
        Counter.builder("orderplatform.checkbacks")
                .description("Broker check-backs answered")
                .tag("kind", kind)
                .tag("verdict", verdict)
                .register(registry)
                .increment();
    }

    void returnEmitted(String kind) {
        Counter.builder("orderplatform.returns.emitted")
                .description("Stock returns committed by this process")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    void timeoutClosed() {
        timeoutsClosed.increment();
    }

    void timerNotSent() {
        timersNotSent.increment();
    }

    public void reconciliationRepair() {
        reconciliationRepairs.increment();
    }
}
