package dev.orderplatform.order.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.orderplatform.order.audit.AuditSnapshot.OrderFact;
import dev.orderplatform.order.audit.AuditSnapshot.RecordStatus;
import dev.orderplatform.order.audit.AuditSnapshot.SellRecordFact;

/**
 * The stock invariant of docs/protocol.md, as pure logic over an {@link AuditSnapshot} (no I/O, reusable by the
 * load suite and the tests). Checks, each a violation {@code type}:
 * <ul>
 *   <li>{@code NEGATIVE_STOCK}: a goods' stock is below zero (A10).</li>
 *   <li>{@code DEDUCTED_WITHOUT_ORDER}: a DEDUCTED record whose order does not exist (stock lost).</li>
 *   <li>{@code DEDUCTED_FOR_CLOSED_ORDER}: a DEDUCTED record whose order is closed (stock lost).</li>
 *   <li>{@code QUANTITY_MISMATCH}: a live order's DEDUCTED record holds other quantities than its lines.</li>
 *   <li>{@code LIVE_ORDER_NOT_DEDUCTED}: a live order (waiting or paid) whose record is RETURNED or absent
 *       (stock returned twice over, or sold without deduction).</li>
 *   <li>{@code DUPLICATE_SELL_RECORD}: an order number listed more than once among the records.</li>
 *   <li>{@code STOCK_EQUATION}: with initial stock: initial(g) != stock(g) + sum of g in live orders.</li>
 *   <li>{@code MISSING_STOCK}: with initial stock: a goods that has no stock row any more.</li>
 * </ul>
 * A snapshot taken while orders are being created or closed can show transient violations: audit a quiet system.
 */
public final class StockAuditor {

    public AuditReport audit(AuditSnapshot snapshot) {
        List<Violation> violations = new ArrayList<>();
        Map<String, OrderFact> orders = new HashMap<>();
        snapshot.orders().forEach(order -> orders.put(order.orderSn(), order));

        Map<String, SellRecordFact> records = new HashMap<>();
        int deducted = 0;
        int returned = 0;
        for (SellRecordFact record : snapshot.sellRecords()) {
            if (record.status() == RecordStatus.DEDUCTED) {
                deducted++;
            } else {
                returned++;
            }
            if (records.putIfAbsent(record.orderSn(), record) != null) {
                violations.add(new Violation("DUPLICATE_SELL_RECORD", null, List.of(record.orderSn()),
                        "Order " + record.orderSn() + " has more than one sell record", null, null));
            }
        }

        // Stock never negative (A10).
        new TreeMap<>(snapshot.stock()).forEach((goodsId, stock) -> {
            if (stock < 0) {
                violations.add(new Violation("NEGATIVE_STOCK", goodsId, List.of(),
                        "Goods " + goodsId + " has negative stock " + stock, 0L, (long) stock));
            }
        });

        // Every DEDUCTED record belongs to a live order with the same quantities.
        for (SellRecordFact record : sorted(records.values())) {
            if (record.status() != RecordStatus.DEDUCTED) {
                continue;
            }
            OrderFact order = orders.get(record.orderSn());
            if (order == null) {
                violations.add(new Violation("DEDUCTED_WITHOUT_ORDER", null, List.of(record.orderSn()),
                        "Stock " + record.quantities() + " is deducted for order " + record.orderSn()
                                + ", which does not exist", null, null));
            } else if (!order.status().isLive()) {
                violations.add(new Violation("DEDUCTED_FOR_CLOSED_ORDER", null, List.of(record.orderSn()),
                        "Stock " + record.quantities() + " of closed order " + record.orderSn() + " was not returned",
                        null, null));
            } else if (!Objects.equals(record.quantities(), order.quantities())) {
                violations.add(new Violation("QUANTITY_MISMATCH", null, List.of(record.orderSn()),
                        "Order " + record.orderSn() + " has " + new TreeMap<>(order.quantities()) + " but "
                                + new TreeMap<>(record.quantities()) + " is deducted", null, null));
            }
        }

        // Every live order holds its deduction (closed or absent orders' records are RETURNED or absent: above).
        int live = 0;
        for (OrderFact order : sortedOrders(orders.values())) {
            if (!order.status().isLive()) {
                continue;
            }
            live++;
            SellRecordFact record = records.get(order.orderSn());
            if (record == null || record.status() != RecordStatus.DEDUCTED) {
                violations.add(new Violation("LIVE_ORDER_NOT_DEDUCTED", null, List.of(order.orderSn()),
                        "Order " + order.orderSn() + " is " + order.status() + " but its stock is "
                                + (record == null ? "not deducted (no sell record)" : "returned"), null, null));
            }
        }

        // initial(g) = stock(g) + sum of g in live orders.
        if (!snapshot.initialStock().isEmpty()) {
            for (Map.Entry<Long, Integer> initial : new TreeMap<>(snapshot.initialStock()).entrySet()) {
                long goodsId = initial.getKey();
                Integer stock = snapshot.stock().get(goodsId);
                if (stock == null) {
                    violations.add(new Violation("MISSING_STOCK", goodsId, List.of(),
                            "Goods " + goodsId + " has no stock row", (long) initial.getValue(), null));
                    continue;
                }
                long held = 0;
                List<String> holders = new ArrayList<>();
                for (OrderFact order : sortedOrders(orders.values())) {
                    Integer quantity = order.quantities().get(goodsId);
                    if (quantity != null && order.status().isLive()) {
                        held += quantity;
                        holders.add(order.orderSn());
                    }
                }
                if (initial.getValue() != stock + held) {
                    violations.add(new Violation("STOCK_EQUATION", goodsId, holders.size() <= 50 ? holders : List.of(),
                            "Goods " + goodsId + ": initial " + initial.getValue() + " != stock " + stock
                                    + " + live orders " + held + " (" + (stock + held - initial.getValue())
                                    + " units " + (stock + held > initial.getValue() ? "created" : "lost") + ")",
                            (long) initial.getValue(), stock + held));
                }
            }
        }

        TreeSet<Long> goods = new TreeSet<>(snapshot.stock().keySet());
        goods.addAll(snapshot.initialStock().keySet());
        return new AuditReport(violations.isEmpty(), List.copyOf(violations), List.copyOf(goods), orders.size(), live,
                deducted, returned, !snapshot.initialStock().isEmpty());
    }

    private static List<SellRecordFact> sorted(java.util.Collection<SellRecordFact> records) {
        return records.stream().sorted(java.util.Comparator.comparing(SellRecordFact::orderSn)).toList();
    }

    private static List<OrderFact> sortedOrders(java.util.Collection<OrderFact> orders) {
        return orders.stream().sorted(java.util.Comparator.comparing(OrderFact::orderSn)).toList();
    }
}
