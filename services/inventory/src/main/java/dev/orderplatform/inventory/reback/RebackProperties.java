package dev.orderplatform.inventory.reback;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code order_reback} consumer. A value outside its range fails the start with the property's name.
 *
 * @param enabled whether to consume at all (off only for tools that need the API without the broker)
 * @param consumeThreads threads handling messages concurrently
 * @param maxReconsumeTimes how often a message whose handling failed (database down) is redelivered before the
 *        broker moves it to {@code %DLQ%inventory-reback}; redeliveries back off up to 2 h each, so the default
 *        covers days of outage
 * @param shutdownAwait how long a graceful shutdown waits for messages being handled
 */
@Validated
@ConfigurationProperties("orderplatform.inventory.reback")
public record RebackProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") @Min(1) int consumeThreads,
        @DefaultValue("100") @PositiveOrZero int maxReconsumeTimes,
        @DefaultValue("10s") @DurationMin(nanos = 0) Duration shutdownAwait) {}
