package dev.orderplatform.order.timeout;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The timeout sweeper ({@code orderplatform.timeout-sweeper.*}), the backstop of the timer messages.
 *
 * @param enabled   whether it runs
 * @param interval  pause between two sweeps
 * @param grace     how long after an order's payment deadline the sweeper leaves it to its timer message, which
 *                  normally closes it first (the sweeper is for timers that are lost)
 * @param batchSize overdue orders read per query; a sweep reads batch after batch until none are left
 */
@Validated
@ConfigurationProperties("orderplatform.timeout-sweeper")
public record TimeoutSweeperProperties(
        @DefaultValue("true") boolean enabled,

        @DefaultValue("1m") @DurationMin(nanos = 0, inclusive = false)
        Duration interval,

        @DefaultValue("1m") @DurationMin(nanos = 0) Duration grace,
        @DefaultValue("100") @Min(1) int batchSize) {}
