package dev.orderplatform.order.timeout;

import dev.orderplatform.order.order.OrderRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * How late unpaid orders are closed: close time minus payment deadline, a histogram (Prometheus
 * {@code orderplatform_orders_timeout_lateness_seconds_bucket}). The timer message closes an order within seconds of
 * its deadline; minutes mean lost timers that the {@link TimeoutSweeper} made up for, or a consumer lagging behind.
 */
@Component
public class TimeoutLateness {

    private final OrderRepository orders;
    private final Timer lateness;

    public TimeoutLateness(OrderRepository orders, MeterRegistry registry) {
        this.orders = orders;
        this.lateness = Timer.builder("orderplatform.orders.timeout.lateness")
                .description("Close time minus payment deadline of the orders closed by their timeout")
                .serviceLevelObjectives(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(15),
                        Duration.ofHours(1))
                .register(registry);
    }

    /** The order was just closed by its timeout: one more observation (one primary-key read of its deadline). */
    void closed(String orderSn) {
        Instant now = Instant.now();
        orders.payDeadline(orderSn).ifPresent(deadline -> {
            Duration late = Duration.between(deadline, now);
            lateness.record(late.isNegative() ? Duration.ZERO : late);
        });
    }
}
