package dev.orderplatform.inventory.reback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code order_reback} consumer.
 *
 * @param enabled whether to consume at all (off only for tools that need the API without the broker)
 * @param consumeThreads threads handling messages concurrently
 * @param maxReconsumeTimes how often a message whose handling failed (database down) is redelivered before the
 *        broker moves it to {@code %DLQ%inventory-reback}; redeliveries back off up to 2 h each, so the default
 *        covers days of outage
 * @param shutdownAwait how long a graceful shutdown waits for messages being handled
 */
@ConfigurationProperties("orderplatform.inventory.reback")
public record RebackProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") int consumeThreads,
        @DefaultValue("100") int maxReconsumeTimes,
        @DefaultValue("10s") Duration shutdownAwait) {}
