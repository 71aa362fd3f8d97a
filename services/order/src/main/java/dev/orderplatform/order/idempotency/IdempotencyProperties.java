package dev.orderplatform.order.idempotency;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency keys of order creation ({@code orderplatform.idempotency.*}).
 *
 * @param retention       how long a key answers what its first request answered; older keys are free again
 * @param cleanupInterval pause between two deletions of expired keys
 * @param cleanupBatch    rows per DELETE statement, so that a cleanup never holds many locks at once
 */
@Validated
@ConfigurationProperties("orderplatform.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") @DurationMin(nanos = 0, inclusive = false)
        Duration retention,

        @DefaultValue("10m") @DurationMin(nanos = 0, inclusive = false)
        Duration cleanupInterval,

        @DefaultValue("1000") @Min(1) int cleanupBatch) {}
