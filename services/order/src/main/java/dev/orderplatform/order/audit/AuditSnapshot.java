package dev.orderplatform.order.audit;

import dev.orderplatform.order.order.OrderStatus;
import java.util.List;
import java.util.Map;

/**
 * What the stock audit looks at: orders (status and quantities per goods), sell records (status and quantities per
 * goods), the stock per goods, and optionally the stock per goods before anything was sold.
 *
 * @param stock        current stock per goods; a goods without an entry has no stock row
 * @param initialStock stock per goods at the start, or empty: then the sum equation is not checked
 */
public record AuditSnapshot(
        List<OrderFact> orders,
        List<SellRecordFact> sellRecords,
        Map<Long, Integer> stock,
        Map<Long, Integer> initialStock) {

    public AuditSnapshot {
        orders = List.copyOf(orders);
        sellRecords = List.copyOf(sellRecords);
        stock = Map.copyOf(stock);
        initialStock = initialStock == null ? Map.of() : Map.copyOf(initialStock);
    }

    /** An order: its status and quantity per goods. */
    public record OrderFact(String orderSn, OrderStatus status, Map<Long, Integer> quantities) {
        public OrderFact {
            quantities = Map.copyOf(quantities);
        }
    }

    public enum RecordStatus {
        DEDUCTED,
        RETURNED
    }

    /** The inventory's record of one order's deduction. */
    public record SellRecordFact(String orderSn, RecordStatus status, Map<Long, Integer> quantities) {
        public SellRecordFact {
            quantities = Map.copyOf(quantities);
        }
    }
}
