package dev.orderplatform.order.monitoring;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The invariant metrics ({@code orderplatform.monitoring.*}): a periodic, bounded structural audit and the depth of
 * the dead-letter queues, exported as gauges.
 *
 * @param enabled    whether the job runs on its own
 * @param interval   pause between two runs (the gauges keep the last run's values in between)
 * @param maxRecords at most this many unsettled DEDUCTED records per run: the bound of a run's cost
 */
@Validated
@ConfigurationProperties("orderplatform.monitoring")
public record MonitoringProperties(
        @DefaultValue("true") boolean enabled,

        @DefaultValue("1m") @DurationMin(nanos = 0, inclusive = false)
        Duration interval,

        @DefaultValue("10000") @Min(1) int maxRecords) {}
