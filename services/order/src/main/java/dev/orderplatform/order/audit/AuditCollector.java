package dev.orderplatform.order.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

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

/**
 * Gathers an {@link AuditSnapshot} from the order database and the inventory service (ListSellRecords DEDUCTED and
 * RETURNED, GetStock), for a set of goods or for everything, and runs the {@link StockAuditor} on it.
 */
@Component
public class AuditCollector {

    private static final int PAGE = 1000;

    private final OrderRepository orders;
    private final InventoryGateway inventory;
    private final StockAuditor auditor = new StockAuditor();

    public AuditCollector(OrderRepository orders, InventoryGateway inventory) {
        this.orders = orders;
        this.inventory = inventory;
    }

    /**
     * @param goodsIds     the goods to audit (orders and records that touch them); empty: every goods seen
     * @param initialStock stock per goods at the start (its goods are audited too), or empty
     */
    public AuditReport audit(Collection<Long> goodsIds, Map<Long, Integer> initialStock) {
        return auditor.audit(snapshot(goodsIds, initialStock));
    }

    public AuditSnapshot snapshot(Collection<Long> goodsIds, Map<Long, Integer> initialStock) {
        Set<Long> scope = new TreeSet<>(goodsIds);
        scope.addAll(initialStock.keySet());

        List<SellRecordFact> records = new ArrayList<>();
        records.addAll(records(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED, RecordStatus.DEDUCTED, scope));
        records.addAll(records(SellRecordStatus.SELL_RECORD_STATUS_RETURNED, RecordStatus.RETURNED, scope));

        Map<String, Order> found = new LinkedHashMap<>();
        orders.ordersWithGoods(scope).forEach(order -> found.put(order.orderSn(), order));
        // Orders named by a record in scope whose lines are not (a mismatch must still be seen).
        List<String> missing = records.stream().map(SellRecordFact::orderSn).filter(sn -> !found.containsKey(sn))
                .distinct().toList();
        for (int from = 0; from < missing.size(); from += 500) {
            found.putAll(orders.findAll(missing.subList(from, Math.min(missing.size(), from + 500))));
        }
        List<OrderFact> orderFacts = found.values().stream()
                .map(order -> new OrderFact(order.orderSn(), order.status(), quantities(order.lines())))
                .toList();

        Set<Long> goods = new TreeSet<>(scope);
        if (goods.isEmpty()) {
            orderFacts.forEach(order -> goods.addAll(order.quantities().keySet()));
            records.forEach(record -> goods.addAll(record.quantities().keySet()));
        }
        Map<Long, Integer> stock = new HashMap<>();
        for (long goodsId : goods) {
            inventory.stock(goodsId).ifPresent(units -> stock.put(goodsId, units));
        }
        return new AuditSnapshot(orderFacts, records, stock, initialStock);
    }

    private List<SellRecordFact> records(SellRecordStatus status, RecordStatus as, Set<Long> scope) {
        List<SellRecordFact> facts = new ArrayList<>();
        String after = "";
        while (true) {
            List<SellRecord> page = inventory.sellRecords(status, 0, after, PAGE);
            for (SellRecord record : page) {
                Map<Long, Integer> quantities = new HashMap<>();
                for (GoodsQuantity item : record.getItemsList()) {
                    quantities.merge(item.getGoodsId(), item.getQuantity(), Integer::sum);
                }
                if (scope.isEmpty() || quantities.keySet().stream().anyMatch(scope::contains)) {
                    facts.add(new SellRecordFact(record.getOrderSn(), as, quantities));
                }
            }
            if (page.size() < PAGE) {
                return facts;
            }
            after = page.get(page.size() - 1).getOrderSn();
        }
    }

    private static Map<Long, Integer> quantities(List<OrderLine> lines) {
        Map<Long, Integer> quantities = new HashMap<>();
        lines.forEach(line -> quantities.merge(line.goodsId(), line.quantity(), Integer::sum));
        return quantities;
    }
}
