package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.contracts.inventory.v1.SellOutcome;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.contracts.inventory.v1.SellRequest;
import dev.orderplatform.contracts.messaging.v1.StockReturnRequested;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.support.Gate;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import dev.orderplatform.order.support.SellFaults.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

/** Faults injected into order creation: A2, A3, A4, A5, A6. */
class ProtocolFaultsTest extends OrderServiceTest {

    @Test
    void a2_sellReplyLostAfterDeductionCommitsTheReturn() {
        long goods = platform.newGoods("5.00", 10);
        String token = tokenOf(Platform.freshUser());
        sellFaults.arm(goods, Fault.DROP_REPLY);

        Response response = api().order(token, Map.of(goods, 4));

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("ORDER_OUTCOME_UNKNOWN");
        String orderSn = response.text("orderSn");
        // The Sell did reach the inventory and deducted; the committed return gives the stock back.
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);
        assertThat(statusOf(orderSn)).isNull();
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void unexpectedFailureAfterTheSellIsAnUnknownOutcome_notNothingCharged() {
        long goods = platform.newGoods("5.00", 10);
        String user = Platform.freshUser();
        hooks.blockAfterSell(user)
                .releaseWithFailure(new IllegalStateException("test: the order process fails right after the Sell"));

        Response response = api().order(tokenOf(user), Map.of(goods, 4));

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("ORDER_OUTCOME_UNKNOWN");
        String orderSn = response.text("orderSn");
        // The Sell did deduct; the broker's check-back finds no order under the fence and commits the return.
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);
        assertThat(statusOf(orderSn)).isNull();
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void a3_checkBackDuringTheLocalTransactionWaitsAndKeepsTheCommittedOrder() throws Exception {
        long goods = platform.newGoods("5.00", 10);
        CheckDuringFence race = checkBackWhileTheFenceIsHeld(goods, 3);
        String orderSn = race.orderSn();

        race.fenceHeld().release();
        assertThat(race.check().get(20, TimeUnit.SECONDS)).isEqualTo(LocalTransactionState.ROLLBACK_MESSAGE);
        Response created = race.creating().get(20, TimeUnit.SECONDS);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("orderSn")).isEqualTo(orderSn);

        Thread.sleep(CHECK_WINDOW.toMillis());
        assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertThat(platform.stock(goods)).isEqualTo(7);
        assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.WAIT_BUYER_PAY);
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void a3_checkBackDuringALocalTransactionThatFailsWaitsAndReturnsTheStock() throws Exception {
        long goods = platform.newGoods("5.00", 10);
        CheckDuringFence race = checkBackWhileTheFenceIsHeld(goods, 2);
        String orderSn = race.orderSn();

        race.fenceHeld().releaseWithFailure(new IllegalStateException("test: the local transaction crashes"));
        assertThat(race.check().get(20, TimeUnit.SECONDS)).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
        Response failed = race.creating().get(20, TimeUnit.SECONDS);
        assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
        assertThat(failed.code()).isEqualTo("ORDER_NOT_CREATED");

        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);
        assertThat(statusOf(orderSn)).isNull();
        assertAuditClean(Map.of(goods, 10));
    }

    /** A creation blocked while its local transaction holds the fence, and a check-back for it started meanwhile. */
    private record CheckDuringFence(
            String orderSn,
            Gate fenceHeld,
            CompletableFuture<Response> creating,
            CompletableFuture<LocalTransactionState> check) {}

    private CheckDuringFence checkBackWhileTheFenceIsHeld(long goods, int quantity) throws InterruptedException {
        String user = Platform.freshUser();
        Gate fenceHeld = hooks.blockAfterFence(user);
        OrderApi api = api();
        CompletableFuture<Response> creating =
                CompletableFuture.supplyAsync(() -> api.order(tokenOf(user), Map.of(goods, quantity)));
        String orderSn = fenceHeld.awaitReached(Duration.ofSeconds(20));

        // A check-back for this order while its local transaction holds the fence (the broker sends real ones too:
        // the half message is older than its check-back delay by now).
        CompletableFuture<LocalTransactionState> check =
                CompletableFuture.supplyAsync(() -> protocol.checkLocalTransaction(returnMessage(orderSn)));
        Thread.sleep(1_500);
        assertThat(check)
                .as("the check must wait for the local transaction, not guess")
                .isNotDone();
        return new CheckDuringFence(orderSn, fenceHeld, creating, check);
    }

    @Test
    void a4_lateSellAfterTheReturnWasConsumedIsRefused() {
        long goods = platform.newGoods("5.00", 10);
        String token = tokenOf(Platform.freshUser());
        sellFaults.arm(goods, Fault.HOLD_REQUEST);

        Response response = api().order(token, Map.of(goods, 4));
        assertThat(response.code()).as(response.toString()).isEqualTo("ORDER_OUTCOME_UNKNOWN");
        String orderSn = response.text("orderSn");
        // The return is consumed first: nothing to give back, a tombstone stays.
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        assertThat(platform.stock(goods)).isEqualTo(10);

        // The delayed Sell arrives now.
        List<SellRequest> held = sellFaults.held(goods);
        assertThat(held).hasSize(1);
        assertThat(platform.sell(held.get(0)).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_ALREADY_RETURNED);
        assertThat(platform.stock(goods)).isEqualTo(10);
        assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void a5_duplicateReturnsGiveTheStockBackOnce() {
        long goods = platform.newGoods("5.00", 10);
        String token = tokenOf(Platform.freshUser());
        Response created = api().order(token, Map.of(goods, 6));
        String orderSn = created.text("orderSn");
        assertThat(protocol.closeIfUnpaid(orderSn))
                .isEqualTo(dev.orderplatform.order.protocol.OrderProtocol.CloseResult.CLOSED);
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);

        // The same return, committed twice more through the broker (as a redelivery or a second decision would).
        double duplicates = platform.inventoryMetric("inventory_returns_total", "result=\"duplicate\"");
        assertThat(protocol.repair(orderSn)).isTrue();
        assertThat(protocol.repair(orderSn)).isTrue();
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(platform.inventoryMetric("inventory_returns_total", "result=\"duplicate\""))
                                .isGreaterThanOrEqualTo(duplicates + 2));
        assertThat(platform.stock(goods)).isEqualTo(10);
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void a6_retriedSellDeductsOnce() {
        long goods = platform.newGoods("5.00", 10);
        String token = tokenOf(Platform.freshUser());
        sellFaults.arm(goods, Fault.DUPLICATE);

        Response created = api().order(token, Map.of(goods, 3));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String orderSn = created.text("orderSn");
        assertThat(platform.stock(goods)).isEqualTo(7);
        // And once more, straight to the inventory.
        assertThat(platform.sell(orderSn, goods, 3).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);
        assertThat(platform.stock(goods)).isEqualTo(7);
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void a6_sellUnderAnotherOrdersNumberIsRefusedAndReturnsNothing() throws Exception {
        long taken = platform.newGoods("5.00", 10);
        long other = platform.newGoods("5.00", 10);
        String takenOrderSn =
                api().order(tokenOf(Platform.freshUser()), Map.of(taken, 3)).text("orderSn");
        String user = Platform.freshUser();
        // As if the new order's number had collided with the first order's.
        sellFaults.armRenumber(other, takenOrderSn);

        Response refused = api().order(tokenOf(user), Map.of(other, 2));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(500);
        assertThat(refused.code()).isEqualTo("INTERNAL_ERROR");
        Thread.sleep(CHECK_WINDOW.toMillis()); // a wrongly committed return would have come back by now
        assertThat(platform.stock(other)).isEqualTo(10);
        assertThat(platform.stock(taken)).isEqualTo(7);
        assertThat(platform.sellRecordStatus(takenOrderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertThat(statusOf(takenOrderSn)).isEqualTo(OrderStatus.WAIT_BUYER_PAY);
        assertThat(orders.countOfUser(user)).isZero();
        assertAuditClean(Map.of(taken, 10, other, 10));
    }

    @Test
    void a8_closeThatRollsBackAfterItsReturnWasSentReturnsNothing_aLaterCloseDoes() throws Exception {
        long goods = platform.newGoods("5.00", 10);
        String orderSn =
                api().order(tokenOf(Platform.freshUser()), Map.of(goods, 4)).text("orderSn");
        Gate insideClose = hooks.blockInsideClose(orderSn);
        insideClose.releaseWithFailure(
                new IllegalStateException("test: the close transaction fails before its commit"));

        // The return's half message is stored, then the close rolls back: the return must not be delivered.
        assertThat(protocol.closeIfUnpaid(orderSn))
                .isEqualTo(dev.orderplatform.order.protocol.OrderProtocol.CloseResult.RETRY);
        assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.WAIT_BUYER_PAY);
        Thread.sleep(CHECK_WINDOW.toMillis());
        assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertThat(platform.stock(goods)).isEqualTo(6);
        assertAuditClean(Map.of(goods, 10));

        // The timeout message is consumed again later (RECONSUME_LATER): now the close and the return both happen.
        assertThat(protocol.closeIfUnpaid(orderSn))
                .isEqualTo(dev.orderplatform.order.protocol.OrderProtocol.CloseResult.CLOSED);
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);
        assertAuditClean(Map.of(goods, 10));
    }

    static MessageExt returnMessage(String orderSn) {
        MessageExt message = new MessageExt();
        message.setTopic(Topics.ORDER_REBACK);
        message.setBody(StockReturnRequested.newBuilder()
                .setOrderSn(orderSn)
                .setReason("CREATE_FAILED")
                .build()
                .toByteArray());
        message.setKeys(orderSn);
        message.putUserProperty("kind", "CREATE");
        return message;
    }
}
