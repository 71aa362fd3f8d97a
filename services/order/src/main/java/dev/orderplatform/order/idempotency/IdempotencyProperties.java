package dev.orderplatform.order.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Idempotency keys of order creation ({@code orderplatform.idempotency.*}).
 *
 * @param retention       how long a key answers what its first request answered; older keys are free again
 * @param cleanupInterval pause between two deletions of expired keys
 * @param cleanupBatch    rows per DELETE statement, so that a cleanup never holds many locks at once
 */
@ConfigurationProperties("orderplatform.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("10m") Duration cleanupInterval,
        @DefaultValue("1000") int cleanupBatch) {}
