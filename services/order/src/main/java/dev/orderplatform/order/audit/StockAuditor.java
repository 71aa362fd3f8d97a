package dev.orderplatform.order.audit;

import dev.orderplatform.order.audit.AuditSnapshot.OrderFact;
import dev.orderplatform.order.audit.AuditSnapshot.RecordStatus;
import dev.orderplatform.order.audit.AuditSnapshot.SellRecordFact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stock invariant of docs/protocol.md, as pure logic (no I/O, reusable by the load suite and the tests):
 * over a whole {@link AuditSnapshot}, or fed a record or an order at a time through a {@link Tally}, which holds only
 * totals per goods, so that {@link AuditCollector} can audit any number of orders page by page. Checks, each a
 * violation {@code type}:
 * <ul>
 *   <li>{@code NEGATIVE_STOCK}: a goods' stock is below zero (A10).</li>
 *   <li>{@code DEDUCTED_WITHOUT_ORDER}: a DEDUCTED record whose order does not exist (stock lost).</li>
 *   <li>{@code DEDUCTED_FOR_CLOSED_ORDER}: a DEDUCTED record whose order is closed (stock lost).</li>
 *   <li>{@code QUANTITY_MISMATCH}: a live order's DEDUCTED record holds other quantities than its lines.</li>
 *   <li>{@code LIVE_ORDER_NOT_DEDUCTED}: a live order (waiting or paid) whose record is RETURNED or absent
 *       (stock returned twice over, or sold without deduction).</li>
 *   <li>{@code DUPLICATE_SELL_RECORD}: an order number listed more than once among the records of a snapshot (in the
 *       database it is the record's primary key).</li>
 *   <li>{@code STOCK_EQUATION}: with initial stock: initial(g) != stock(g) + sum of g in live orders.</li>
 *   <li>{@code MISSING_STOCK}: with initial stock: a goods that has no stock row any more.</li>
 * </ul>
 * A report lists at most {@value #MAX_LISTED_VIOLATIONS} violations and counts all of them.
 * A snapshot taken while orders are being created or closed can show transient violations: audit a quiet system.
 */
public final class StockAuditor {

    static final int MAX_LISTED_VIOLATIONS = 1000;
    /** A STOCK_EQUATION violation names the live orders holding the goods when there are at most this many. */
    private static final int MAX_HOLDERS = 50;

    public AuditReport audit(AuditSnapshot snapshot) {
        Tally tally = new Tally();
        Map<String, OrderFact> orders = new HashMap<>();
        snapshot.orders().forEach(order -> orders.put(order.orderSn(), order));
        Map<String, SellRecordFact> records = new HashMap<>();
        for (SellRecordFact record : snapshot.sellRecords()) {
            if (records.putIfAbsent(record.orderSn(), record) != null) {
                tally.duplicate(record);
            }
        }
        records.values().stream()
                .sorted(Comparator.comparing(SellRecordFact::orderSn))
                .forEach(record -> tally.record(record, orders.get(record.orderSn())));
        orders.values().stream()
                .sorted(Comparator.comparing(OrderFact::orderSn))
                .forEach(order -> {
                    SellRecordFact record = records.get(order.orderSn());
                    if (order.status().isLive() && (record == null || record.status() != RecordStatus.DEDUCTED)) {
                        tally.liveOrderWithoutDeduction(order, record);
                    }
                });
        return tally.report(snapshot.stock(), snapshot.initialStock(), orders.size());
    }

    /**
     * One audit in progress. Feed it every sell record once ({@link #record}; a DEDUCTED one with its order, if it
     * exists) and every live order that has no DEDUCTED record ({@link #liveOrderWithoutDeduction}), then ask for the
     * {@link #report}. It keeps per goods the units held by live orders and a few of their order numbers, the
     * violations up to {@value #MAX_LISTED_VIOLATIONS}, and counts.
     */
    public static final class Tally {

        private final List<Violation> violations = new ArrayList<>();
        private final Map<String, Integer> violationsByType = new TreeMap<>();
        private int violationCount;
        private int deducted;
        private int returned;
        private int live;
        private final Set<Long> goods = new TreeSet<>();
        private final Map<Long, Long> held = new HashMap<>();
        /** The first holders by order number, up to one more than listed (then the list is left empty). */
        private final Map<Long, TreeSet<String>> holders = new HashMap<>();

        /** A sell record and, for a DEDUCTED one, its order (null when it does not exist). */
        public void record(SellRecordFact record, OrderFact order) {
            goods.addAll(record.quantities().keySet());
            if (record.status() != RecordStatus.DEDUCTED) {
                returned++;
                return;
            }
            deducted++;
            if (order == null) {
                violation(new Violation(
                        "DEDUCTED_WITHOUT_ORDER",
                        null,
                        List.of(record.orderSn()),
                        "Stock " + record.quantities() + " is deducted for order " + record.orderSn()
                                + ", which does not exist",
                        null,
                        null));
            } else if (!order.status().isLive()) {
                violation(new Violation(
                        "DEDUCTED_FOR_CLOSED_ORDER",
                        null,
                        List.of(record.orderSn()),
                        "Stock " + record.quantities() + " of closed order " + record.orderSn() + " was not returned",
                        null,
                        null));
            } else {
                liveOrder(order);
                if (!Objects.equals(record.quantities(), order.quantities())) {
                    violation(new Violation(
                            "QUANTITY_MISMATCH",
                            null,
                            List.of(record.orderSn()),
                            "Order " + record.orderSn() + " has " + new TreeMap<>(order.quantities()) + " but "
                                    + new TreeMap<>(record.quantities()) + " is deducted",
                            null,
                            null));
                }
            }
        }

        /** A live order whose record is RETURNED ({@code record}) or absent (null). */
        public void liveOrderWithoutDeduction(OrderFact order, SellRecordFact record) {
            liveOrder(order);
            violation(new Violation(
                    "LIVE_ORDER_NOT_DEDUCTED",
                    null,
                    List.of(order.orderSn()),
                    "Order " + order.orderSn() + " is " + order.status() + " but its stock is "
                            + (record == null ? "not deducted (no sell record)" : "returned"),
                    null,
                    null));
        }

        /** A second record with the order number of one already given. */
        public void duplicate(SellRecordFact record) {
            if (record.status() == RecordStatus.DEDUCTED) {
                deducted++;
            } else {
                returned++;
            }
            violation(new Violation(
                    "DUPLICATE_SELL_RECORD",
                    null,
                    List.of(record.orderSn()),
                    "Order " + record.orderSn() + " has more than one sell record",
                    null,
                    null));
        }

        /** How many violations of each type were found so far (all of them, not only the listed ones). */
        public Map<String, Integer> violationsByType() {
            return Map.copyOf(violationsByType);
        }

        /** The goods named by the records and orders given so far. */
        public Set<Long> goods() {
            return goods;
        }

        private void liveOrder(OrderFact order) {
            live++;
            order.quantities().forEach((goodsId, quantity) -> {
                goods.add(goodsId);
                held.merge(goodsId, (long) quantity, Long::sum);
                TreeSet<String> some = holders.computeIfAbsent(goodsId, id -> new TreeSet<>());
                some.add(order.orderSn());
                if (some.size() > MAX_HOLDERS + 1) {
                    some.pollLast();
                }
            });
        }

        private void violation(Violation violation) {
            violationCount++;
            violationsByType.merge(violation.type(), 1, Integer::sum);
            if (violations.size() < MAX_LISTED_VIOLATIONS) {
                violations.add(violation);
            }
        }

        /**
         * @param stock        current stock per goods; a goods without an entry has no stock row
         * @param initialStock stock per goods at the start, or empty: then the sum equation is not checked
         * @param orders       how many orders the audit covered
         */
        public AuditReport report(Map<Long, Integer> stock, Map<Long, Integer> initialStock, long orders) {
            // Stock never negative (A10).
            new TreeMap<>(stock).forEach((goodsId, units) -> {
                if (units < 0) {
                    violation(new Violation(
                            "NEGATIVE_STOCK",
                            goodsId,
                            List.of(),
                            "Goods " + goodsId + " has negative stock " + units,
                            0L,
                            (long) units));
                }
            });
            // initial(g) = stock(g) + sum of g in live orders.
            new TreeMap<>(initialStock).forEach((goodsId, initial) -> {
                Integer units = stock.get(goodsId);
                if (units == null) {
                    violation(new Violation(
                            "MISSING_STOCK",
                            goodsId,
                            List.of(),
                            "Goods " + goodsId + " has no stock row",
                            (long) initial,
                            null));
                    return;
                }
                long inOrders = held.getOrDefault(goodsId, 0L);
                if (initial != units + inOrders) {
                    Set<String> some = holders.getOrDefault(goodsId, new TreeSet<>());
                    violation(new Violation(
                            "STOCK_EQUATION",
                            goodsId,
                            some.size() <= MAX_HOLDERS ? List.copyOf(some) : List.of(),
                            "Goods " + goodsId + ": initial " + initial + " != stock " + units + " + live orders "
                                    + inOrders + " (" + (units + inOrders - initial) + " units "
                                    + (units + inOrders > initial ? "created" : "lost") + ")",
                            (long) initial,
                            units + inOrders));
                }
            });
            TreeSet<Long> audited = new TreeSet<>(stock.keySet());
            audited.addAll(initialStock.keySet());
            return new AuditReport(
                    violationCount == 0,
                    List.copyOf(violations),
                    violationCount,
                    List.copyOf(audited),
                    orders,
                    live,
                    deducted,
                    returned,
                    !initialStock.isEmpty());
        }
    }
}
