package dev.orderplatform.order.audit;

import java.util.List;

/**
 * The audit's answer: {@code consistent} iff there are no violations.
 *
 * @param goodsIds        the goods the audit covered
 * @param equationChecked whether initial stock was given, so the sum equation was checked
 */
public record AuditReport(boolean consistent, List<Violation> violations, List<Long> goodsIds, int orders,
        int liveOrders, int deductedRecords, int returnedRecords, boolean equationChecked) {
}
