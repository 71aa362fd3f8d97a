package dev.orderplatform.order.audit;

import java.util.List;

/**
 * The audit's answer: {@code consistent} iff there are no violations.
 *
 * @param violations      the first violations found (at most {@value StockAuditor#MAX_LISTED_VIOLATIONS})
 * @param violationCount  all violations found
 * @param goodsIds        the goods the audit covered
 * @param equationChecked whether initial stock was given, so the sum equation was checked
 */
public record AuditReport(
        boolean consistent,
        List<Violation> violations,
        int violationCount,
        List<Long> goodsIds,
        long orders,
        int liveOrders,
        int deductedRecords,
        int returnedRecords,
        boolean equationChecked) {}
