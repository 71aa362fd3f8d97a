package dev.orderplatform.order.audit;

import dev.orderplatform.contracts.inventory.v1.GoodsQuantity;
import dev.orderplatform.contracts.inventory.v1.SellRecord;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.audit.AuditSnapshot.OrderFact;
import dev.orderplatform.order.audit.AuditSnapshot.RecordStatus;
import dev.orderplatform.order.audit.AuditSnapshot.SellRecordFact;
import dev.orderplatform.order.order.Order;
import dev.orderplatform.order.order.OrderLine;
import dev.orderplatform.order.order.OrderRepository;
import dev.orderplatform.order.remote.InventoryGateway;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link StockAuditor} over the order database and the inventory service, for a set of goods or for
 * everything, a page at a time: memory holds one page of records and their orders, plus totals per goods, however
 * many orders there are.
 * <ol>
 *   <li>Every sell record, in pages (ListSellRecords); for the DEDUCTED ones in scope, their orders by number.</li>
 *   <li>The live orders in scope are counted in SQL. If each of them was met in step 1 as the order of a DEDUCTED
 *       record (the same number: order numbers are unique on both sides), none lacks its deduction; otherwise the
 *       live orders are paged through to find the ones whose record is RETURNED or absent (GetSellRecords).</li>
 *   <li>The stock of each goods in scope (or named by an order or a record).</li>
 * </ol>
 */
@Component
public class AuditCollector {

    private static final int PAGE = 1000;

    private final OrderRepository orders;
    private final InventoryGateway inventory;

    public AuditCollector(OrderRepository orders, InventoryGateway inventory) {
        this.orders = orders;
        this.inventory = inventory;
    }

    /**
     * @param goodsIds     the goods to audit (orders and records that touch them); empty: every goods seen
     * @param initialStock stock per goods at the start (its goods are audited too), or empty
     */
    public AuditReport audit(Collection<Long> goodsIds, Map<Long, Integer> initialStock) {
        Set<Long> scope = new TreeSet<>(goodsIds);
        scope.addAll(initialStock.keySet());
        StockAuditor.Tally tally = new StockAuditor.Tally();

        long liveWithDeduction = 0;
        String after = "";
        List<SellRecord> page;
        do {
            page = inventory.sellRecords(after, PAGE);
            List<SellRecordFact> records = page.stream()
                    .map(AuditCollector::fact)
                    .filter(record -> inScope(record.quantities(), scope))
                    .toList();
            Map<String, Order> found = orders.findAll(records.stream()
                    .filter(record -> record.status() == RecordStatus.DEDUCTED)
                    .map(SellRecordFact::orderSn)
                    .toList());
            for (SellRecordFact record : records) {
                Order order = found.get(record.orderSn());
                OrderFact fact = order == null ? null : fact(order);
                tally.record(record, fact);
                if (record.status() == RecordStatus.DEDUCTED
                        && fact != null
                        && fact.status().isLive()
                        && inScope(fact.quantities(), scope)) {
                    liveWithDeduction++;
                }
            }
            after = page.isEmpty() ? after : page.getLast().getOrderSn();
        } while (page.size() == PAGE);

        OrderRepository.OrderCount count = orders.count(scope);
        if (count.live() != liveWithDeduction) {
            findLiveOrdersWithoutDeduction(scope, tally);
        }

        Set<Long> goods = new TreeSet<>(scope);
        if (goods.isEmpty()) {
            goods.addAll(tally.goods());
            goods.addAll(orders.orderedGoods());
        }
        Map<Long, Integer> stock = new HashMap<>();
        for (long goodsId : goods) {
            inventory.stock(goodsId).ifPresent(units -> stock.put(goodsId, units));
        }
        return tally.report(stock, initialStock, count.orders());
    }

    /**
     * The bounded structural audit that the monitoring runs periodically: the unsettled DEDUCTED records (every
     * deduction not yet known to belong to a paid order: the orders waiting for payment, the orders paid since the
     * last reconciliation, and the suspects), at most {@code maxRecords} of them, each with its order, through the
     * same {@link StockAuditor.Tally} as the full audit. Cost: {@code maxRecords / 1000} ListSellRecords pages and as
     * many order look-ups by primary key, however many orders were ever made.
     *
     * @param graceCutoff a deduction without a live order created before it is past the grace, after it in doubt
     */
    public DeductionAudit auditUnsettledDeductions(Instant graceCutoff, int maxRecords) {
        StockAuditor.Tally tally = new StockAuditor.Tally();
        Instant now = Instant.now();
        int examined = 0;
        int inDoubt = 0;
        int pastGrace = 0;
        String after = "";
        List<SellRecord> page;
        do {
            page = inventory.unsettledDeductions(now, after, Math.min(PAGE, maxRecords - examined));
            examined += page.size();
            Map<String, Order> found =
                    orders.findAll(page.stream().map(SellRecord::getOrderSn).toList());
            for (SellRecord record : page) {
                Order order = found.get(record.getOrderSn());
                OrderFact fact = order == null ? null : fact(order);
                tally.record(fact(record), fact);
                if (fact == null || !fact.status().isLive()) {
                    if (Instant.ofEpochMilli(record.getCreatedAt()).isBefore(graceCutoff)) {
                        pastGrace++;
                    } else {
                        inDoubt++;
                    }
                }
            }
            after = page.isEmpty() ? after : page.getLast().getOrderSn();
        } while (page.size() == PAGE && examined < maxRecords);
        return new DeductionAudit(
                tally.violationsByType(), examined, !page.isEmpty() && examined >= maxRecords, inDoubt, pastGrace);
    }

    /**
     * What {@link #auditUnsettledDeductions} found.
     *
     * @param violationsByType the violations by {@link Violation#type()} (only types found are present)
     * @param examined         unsettled DEDUCTED records looked at
     * @param truncated        whether there were more than the bound allowed to look at
     * @param inDoubt          deductions without a live order younger than the grace: the protocol (check-back,
     *                         return in flight) is expected to return them
     * @param pastGrace        deductions without a live order older than the grace: the reconciliation should have
     *                         returned them
     */
    public record DeductionAudit(
            Map<String, Integer> violationsByType, int examined, boolean truncated, int inDoubt, int pastGrace) {
        public DeductionAudit {
            violationsByType = Map.copyOf(violationsByType);
        }
    }

    private void findLiveOrdersWithoutDeduction(Set<Long> scope, StockAuditor.Tally tally) {
        String after = "";
        List<Order> live;
        do {
            live = orders.liveOrders(scope, after, PAGE);
            Map<String, SellRecordFact> records = new HashMap<>();
            inventory.sellRecords(live.stream().map(Order::orderSn).toList()).stream()
                    .map(AuditCollector::fact)
                    .filter(record -> inScope(record.quantities(), scope))
                    .forEach(record -> records.put(record.orderSn(), record));
            for (Order order : live) {
                SellRecordFact record = records.get(order.orderSn());
                if (record == null || record.status() != RecordStatus.DEDUCTED) {
                    tally.liveOrderWithoutDeduction(fact(order), record);
                }
            }
            after = live.isEmpty() ? after : live.getLast().orderSn();
        } while (live.size() == PAGE);
    }

    /** Whether a record or an order with these quantities is audited: it touches a goods in scope, or all are. */
    private static boolean inScope(Map<Long, Integer> quantities, Set<Long> scope) {
        return scope.isEmpty() || quantities.keySet().stream().anyMatch(scope::contains);
    }

    private static SellRecordFact fact(SellRecord record) {
        Map<Long, Integer> quantities = new HashMap<>();
        for (GoodsQuantity item : record.getItemsList()) {
            quantities.merge(item.getGoodsId(), item.getQuantity(), Integer::sum);
        }
        RecordStatus status = record.getStatus() == SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED
                ? RecordStatus.DEDUCTED
                : RecordStatus.RETURNED;
        return new SellRecordFact(record.getOrderSn(), status, quantities);
    }

    private static OrderFact fact(Order order) {
        Map<Long, Integer> quantities = new HashMap<>();
        for (OrderLine line : order.lines()) {
            quantities.merge(line.goodsId(), line.quantity(), Integer::sum);
        }
        return new OrderFact(order.orderSn(), order.status(), quantities);
    }
}
