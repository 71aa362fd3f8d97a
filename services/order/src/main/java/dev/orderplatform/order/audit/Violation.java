package dev.orderplatform.order.audit;

import java.util.List;

/**
 * One breach of the stock invariant.
 *
 * @param type     stable name of the check (see {@link StockAuditor})
 * @param goodsId  the goods concerned, or null when the violation is about an order
 * @param orderSns the orders involved (possibly none, e.g. a negative stock)
 * @param expected for numeric checks, the value the invariant requires; else null
 * @param actual   for numeric checks, the value found; else null
 */
public record Violation(String type, Long goodsId, List<String> orderSns, String detail, Long expected, Long actual) {

    public Violation {
        orderSns = List.copyOf(orderSns);
    }
}
