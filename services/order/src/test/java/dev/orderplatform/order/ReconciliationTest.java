package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.contracts.inventory.v1.SellOutcome;
import dev.orderplatform.contracts.inventory.v1.SellRecord;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.audit.AuditReport;
import dev.orderplatform.order.reconciliation.Reconciliation;
import dev.orderplatform.order.remote.InventoryGateway;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A11: deductions left without a live order (their return's half message discarded) are found and returned. */
class ReconciliationTest extends OrderServiceTest {

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InventoryGateway inventory;

    @Test
    void a11_deductionsWithoutALiveOrderAreReturned_liveOrdersAreLeftAlone() throws Exception {
        long goods = platform.newGoods("6.00", 20);
        OrderApi api = api();

        // 1. A deduction whose half message was lost: Sell with no order and no message.
        String orphan = Platform.freshOrderSn();
        assertThat(platform.sell(orphan, goods, 4).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);
        // 2. A closed order whose return was lost: closed behind the protocol's back.
        String token = tokenOf(Platform.freshUser());
        String closedSn = api.order(token, Map.of(goods, 3)).text("orderSn");
        jdbc.sql("UPDATE orders SET status = 'TRADE_CLOSED' WHERE order_sn = ?")
                .param(closedSn)
                .update();
        // 3. Live orders, waiting and paid: theirs is kept.
        String waiting =
                api.order(tokenOf(Platform.freshUser()), Map.of(goods, 2)).text("orderSn");
        String payer = tokenOf(Platform.freshUser());
        String paid = api.order(payer, Map.of(goods, 1)).text("orderSn");
        api.post(payer, "/api/v1/orders/" + paid + "/pay", null);
        assertThat(platform.stock(goods)).isEqualTo(10);

        AuditReport before = audit.audit(List.of(goods), Map.of());
        assertThat(before.violations())
                .extracting(v -> v.type())
                .containsExactlyInAnyOrder("DEDUCTED_WITHOUT_ORDER", "DEDUCTED_FOR_CLOSED_ORDER");

        Thread.sleep(1_200);
        Reconciliation.Result result = reconciliation.run(Duration.ofSeconds(1));

        assertThat(result.repaired()).contains(orphan, closedSn).doesNotContain(waiting, paid);
        awaitRecord(orphan, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitRecord(closedSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 17);
        assertThat(platform.sellRecordStatus(waiting)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertThat(platform.sellRecordStatus(paid)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        // A repaired order can never be created afterwards (the repair fenced it).
        assertThat(reconciliation.run(Duration.ofSeconds(1)).repaired()).doesNotContain(orphan, closedSn);
        assertAuditClean(Map.of(goods, 20));
    }

    @Test
    void aPaidOrdersRecordIsSettledByARun_andLaterRunsLookOnlyAtUnsettledDeductions() throws Exception {
        long goods = platform.newGoods("3.00", 10);
        OrderApi api = api();
        String payer = tokenOf(Platform.freshUser());
        String paid = api.order(payer, Map.of(goods, 1)).text("orderSn");
        api.post(payer, "/api/v1/orders/" + paid + "/pay", null);
        String waiting =
                api.order(tokenOf(Platform.freshUser()), Map.of(goods, 2)).text("orderSn");

        Thread.sleep(1_200);
        Reconciliation.Result result = reconciliation.run(Duration.ofSeconds(1));

        assertThat(result.repaired()).doesNotContain(paid, waiting);
        assertThat(result.settled()).isPositive();
        assertThat(platform.sellRecord(paid).orElseThrow().getSettled()).isTrue();
        // A waiting order may still close: its record stays in the reconciliation's view until it is paid or returned.
        assertThat(platform.sellRecord(waiting).orElseThrow().getSettled()).isFalse();
        assertThat(unsettledDeductionsOlderThan(Duration.ofSeconds(1)))
                .contains(waiting)
                .doesNotContain(paid);
        assertThat(platform.sellRecordStatus(paid)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertAuditClean(Map.of(goods, 10));
    }

    /** What a reconciliation run would look at now. */
    private List<String> unsettledDeductionsOlderThan(Duration grace) {
        Instant createdBefore = Instant.now().minus(grace);
        List<String> orderSns = new ArrayList<>();
        List<SellRecord> page;
        do {
            page = inventory.unsettledDeductions(createdBefore, orderSns.isEmpty() ? "" : orderSns.getLast(), 1000);
            page.forEach(record -> orderSns.add(record.getOrderSn()));
        } while (page.size() == 1000);
        return orderSns;
    }
}
