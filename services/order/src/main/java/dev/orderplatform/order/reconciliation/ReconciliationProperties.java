package dev.orderplatform.order.reconciliation;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The reconciliation job ({@code orderplatform.reconciliation.*}, A11).
 *
 * @param enabled  whether the job runs on its own
 * @param interval pause between two runs
 * @param grace    only deductions older than this are examined: longer than the broker's whole check-back window
 *                 (check limit x interval, 15 x 60 s by default), so that normally the protocol has settled them
 * @param pageSize sell records per ListSellRecords call
 */
@Validated
@ConfigurationProperties("orderplatform.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,

        @DefaultValue("5m") @DurationMin(nanos = 0, inclusive = false)
        Duration interval,

        @DefaultValue("30m") @DurationMin(nanos = 0) Duration grace,
        @DefaultValue("200") @Min(1) int pageSize) {}
