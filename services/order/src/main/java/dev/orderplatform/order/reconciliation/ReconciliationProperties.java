package dev.orderplatform.order.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reconciliation job ({@code orderplatform.reconciliation.*}, A11).
 *
 * @param enabled  whether the job runs on its own
 * @param interval pause between two runs
 * @param grace    only deductions older than this are examined: longer than the broker's whole check-back window
 *                 (check limit x interval, 15 x 60 s by default), so that normally the protocol has settled them
 * @param pageSize sell records per ListSellRecords call
 */
@ConfigurationProperties("orderplatform.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") Duration interval,
        @DefaultValue("30m") Duration grace,
        @DefaultValue("200") int pageSize) {}
