package dev.orderplatform.inventory.sell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderplatform.contracts.inventory.v1.GetSellRecordRequest;
import dev.orderplatform.contracts.inventory.v1.GetSellRecordsRequest;
import dev.orderplatform.contracts.inventory.v1.GetStockRequest;
import dev.orderplatform.contracts.inventory.v1.GoodsQuantity;
import dev.orderplatform.contracts.inventory.v1.ListSellRecordsRequest;
import dev.orderplatform.contracts.inventory.v1.SellOutcome;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.contracts.inventory.v1.SellRequest;
import dev.orderplatform.contracts.inventory.v1.SellResponse;
import dev.orderplatform.contracts.inventory.v1.SetStockRequest;
import dev.orderplatform.contracts.inventory.v1.SettleSellRecordsRequest;
import dev.orderplatform.inventory.InventoryServiceTest;
import dev.orderplatform.inventory.stock.StockService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Sell side of the protocol (A4, A6, A10) through the real gRPC server and database. */
class SellProtocolTest extends InventoryServiceTest {

    @Autowired
    SellService sells;

    @Test
    void sellDeductsEveryItemAndRecordsTheOrder() {
        long first = goodsWithStock(10);
        long second = goodsWithStock(5);
        String orderSn = freshOrderSn();

        SellResponse answer = sell(orderSn, second, 2, first, 3, second, 1);

        assertThat(answer.getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);
        assertThat(stockOf(first)).isEqualTo(7);
        assertThat(stockOf(second)).isEqualTo(2);
        var record = inventory.getSellRecord(
                GetSellRecordRequest.newBuilder().setOrderSn(orderSn).build());
        assertThat(record.getStatus()).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertThat(record.getItemsList())
                .containsExactly(
                        GoodsQuantity.newBuilder()
                                .setGoodsId(first)
                                .setQuantity(3)
                                .build(),
                        GoodsQuantity.newBuilder()
                                .setGoodsId(second)
                                .setQuantity(3)
                                .build());
        assertThat(record.getCreatedAt()).isPositive().isLessThanOrEqualTo(System.currentTimeMillis());
    }

    @Test
    void multiItemOrderWithOneItemShortDeductsNothing() {
        long plenty = goodsWithStock(10);
        long scarce = goodsWithStock(1);
        String orderSn = freshOrderSn();

        SellResponse answer = sell(orderSn, plenty, 4, scarce, 2);

        assertThat(answer.getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_INSUFFICIENT_STOCK);
        assertThat(answer.getShortGoodsIdsList()).containsExactly(scarce);
        assertThat(stockOf(plenty)).isEqualTo(10);
        assertThat(stockOf(scarce)).isEqualTo(1);
        assertThat(recordStatus(orderSn)).isNull();
        // The order number is not burnt: the same order can be sold once the stock is there.
        admin.setStock(
                SetStockRequest.newBuilder().setGoodsId(scarce).setStock(2).build());
        assertThat(sell(orderSn, plenty, 4, scarce, 2).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);
        assertThat(stockOf(plenty)).isEqualTo(6);
        assertThat(stockOf(scarce)).isZero();
    }

    @Test
    void unknownGoodsDeductsNothing() {
        long known = goodsWithStock(10);
        long unknown = freshGoodsId();
        String orderSn = freshOrderSn();

        SellResponse answer = sell(orderSn, known, 1, unknown, 1);

        assertThat(answer.getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_UNKNOWN_GOODS);
        assertThat(answer.getUnknownGoodsIdsList()).containsExactly(unknown);
        assertThat(stockOf(known)).isEqualTo(10);
        assertThat(recordStatus(orderSn)).isNull();
    }

    @Test
    void sameSellTwiceDeductsOnceAndAnswersTheSame() {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();

        SellResponse first = sell(orderSn, goods, 3);
        SellResponse again = sell(orderSn, goods, 3);

        assertThat(first.getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);
        assertThat(again).isEqualTo(first);
        assertThat(stockOf(goods)).isEqualTo(7);
        Integer items =
                jdbc.queryForObject("SELECT COUNT(*) FROM sell_record_item WHERE order_sn = ?", Integer.class, orderSn);
        assertThat(items).isOne();
    }

    @Test
    void sellUnderATakenOrderNumberWithOtherItemsIsRefusedAndDeductsNothing() {
        long goods = goodsWithStock(10);
        long other = goodsWithStock(10);
        String orderSn = freshOrderSn();
        assertThat(sell(orderSn, goods, 3).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);

        // A6 replays only an identical request; these are other orders under the same number.
        assertThat(sell(orderSn, goods, 4).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_ORDER_SN_CONFLICT);
        assertThat(sell(orderSn, other, 3).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_ORDER_SN_CONFLICT);
        assertThat(sell(orderSn, goods, 3, other, 1).getOutcome())
                .isEqualTo(SellOutcome.SELL_OUTCOME_ORDER_SN_CONFLICT);

        assertThat(stockOf(goods)).isEqualTo(7);
        assertThat(stockOf(other)).isEqualTo(10);
        var record = inventory.getSellRecord(
                GetSellRecordRequest.newBuilder().setOrderSn(orderSn).build());
        assertThat(record.getStatus()).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertThat(record.getItemsList()).containsExactly(item(goods, 3));
        // The identical retry is still a replay.
        assertThat(sell(orderSn, goods, 3).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);
        assertThat(stockOf(goods)).isEqualTo(7);
    }

    @Test
    void returnTwiceReturnsOnce() {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();
        sell(orderSn, goods, 4);

        assertThat(sells.returnStock(orderSn)).isEqualTo(ReturnResult.RETURNED);
        assertThat(sells.returnStock(orderSn)).isEqualTo(ReturnResult.DUPLICATE);

        assertThat(stockOf(goods)).isEqualTo(10);
        assertThat(recordStatus(orderSn)).isEqualTo("RETURNED");
        // A returned order cannot be deducted again (A4 also covers a Sell retried after the return).
        assertThat(sell(orderSn, goods, 4).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_ALREADY_RETURNED);
        assertThat(stockOf(goods)).isEqualTo(10);
    }

    @Test
    void returnBeforeSellLeavesATombstoneThatRefusesTheLateSell() {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();

        assertThat(sells.returnStock(orderSn)).isEqualTo(ReturnResult.TOMBSTONE);
        assertThat(sells.returnStock(orderSn)).isEqualTo(ReturnResult.DUPLICATE);
        SellResponse late = sell(orderSn, goods, 2);

        assertThat(late.getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_ALREADY_RETURNED);
        assertThat(stockOf(goods)).isEqualTo(10);
        var record = inventory.getSellRecord(
                GetSellRecordRequest.newBuilder().setOrderSn(orderSn).build());
        assertThat(record.getStatus()).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        assertThat(record.getItemsList()).isEmpty();
    }

    @Test
    void concurrentReturnsOfOneOrderReturnItOnce() throws Exception {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();
        sell(orderSn, goods, 5);

        List<ReturnResult> results;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            results = pool
                    .invokeAll(java.util.Collections.<java.util.concurrent.Callable<ReturnResult>>nCopies(
                            8, () -> sells.returnStock(orderSn)))
                    .stream()
                    .map(future -> {
                        try {
                            return future.get();
                        } catch (Exception failure) {
                            throw new IllegalStateException(failure);
                        }
                    })
                    .toList();
        }

        assertThat(results)
                .containsOnlyOnce(ReturnResult.RETURNED)
                .containsOnly(ReturnResult.RETURNED, ReturnResult.DUPLICATE);
        assertThat(stockOf(goods)).isEqualTo(10);
    }

    @Test
    void invalidRequestsAreRefusedAndChangeNothing() {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();
        for (SellRequest invalid : List.of(
                SellRequest.newBuilder()
                        .setOrderSn(" ")
                        .addItems(item(goods, 1))
                        .build(),
                SellRequest.newBuilder().setOrderSn(orderSn).build(),
                SellRequest.newBuilder()
                        .setOrderSn(orderSn)
                        .addItems(item(goods, 0))
                        .build(),
                SellRequest.newBuilder()
                        .setOrderSn(orderSn)
                        .addItems(item(goods, 1))
                        .addItems(item(goods, -1))
                        .build(),
                SellRequest.newBuilder()
                        .setOrderSn("X".repeat(65))
                        .addItems(item(goods, 1))
                        .build())) {
            assertThatThrownBy(() -> inventory.sell(invalid))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            failure ->
                                    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
        assertThat(stockOf(goods)).isEqualTo(10);
        assertThat(recordStatus(orderSn)).isNull();
    }

    @Test
    void stockCanBeSetAndReadAndIsNeverNegative() {
        long goods = freshGoodsId();
        assertThatThrownBy(() -> inventory.getStock(
                        GetStockRequest.newBuilder().setGoodsId(goods).build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> admin.setStock(SetStockRequest.newBuilder()
                        .setGoodsId(goods)
                        .setStock(-1)
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));

        admin.setStock(
                SetStockRequest.newBuilder().setGoodsId(goods).setStock(3).build());
        admin.setStock(
                SetStockRequest.newBuilder().setGoodsId(goods).setStock(8).build());

        assertThat(inventory
                        .getStock(GetStockRequest.newBuilder().setGoodsId(goods).build())
                        .getStock())
                .isEqualTo(8);
        assertThatThrownBy(() -> jdbc.update("UPDATE stock SET stock = -1 WHERE goods_id = ?", goods))
                .as("the CHECK constraint backs A10 up")
                .isNotNull();
    }

    @Test
    void setStockAboveTheMaximumIsRefusedAndChangesNothing() {
        long goods = goodsWithStock(4);

        assertThatThrownBy(() -> admin.setStock(SetStockRequest.newBuilder()
                        .setGoodsId(goods)
                        .setStock(StockService.MAX_STOCK + 1)
                        .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, failure -> {
                    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(failure.getStatus().getDescription()).startsWith("STOCK_LIMIT_EXCEEDED");
                });
        assertThatThrownBy(() -> admin.setStock(SetStockRequest.newBuilder()
                        .setGoodsId(goods)
                        .setStock(Integer.MAX_VALUE)
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));

        assertThat(stockOf(goods)).isEqualTo(4);
    }

    @Test
    void stockAtTheMaximumTakesItsReturnBack() {
        long goods = goodsWithStock(StockService.MAX_STOCK);
        String orderSn = freshOrderSn();
        assertThat(sell(orderSn, goods, 5).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);
        // Restocking to the maximum while 5 units may still come back would let the return overflow it.
        assertThatThrownBy(() -> admin.setStock(SetStockRequest.newBuilder()
                        .setGoodsId(goods)
                        .setStock(StockService.MAX_STOCK)
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        admin.setStock(SetStockRequest.newBuilder()
                .setGoodsId(goods)
                .setStock(StockService.MAX_STOCK - 5)
                .build());

        assertThat(sells.returnStock(orderSn)).isEqualTo(ReturnResult.RETURNED);

        assertThat(stockOf(goods)).isEqualTo(StockService.MAX_STOCK);
        assertThat(recordStatus(orderSn)).isEqualTo("RETURNED");
    }

    @Test
    void setStockNeedsTheAdminRole() {
        long goods = goodsWithStock(4);
        SetStockRequest zero =
                SetStockRequest.newBuilder().setGoodsId(goods).setStock(0).build();
        assertThatThrownBy(() -> anonymous.setStock(zero))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> withAuthorization(anonymous, userToken()).setStock(zero))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> inventory.setStock(zero))
                .as("the order service only sells and reads")
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(stockOf(goods)).isEqualTo(4);
    }

    @Test
    void unknownSellRecordIsNotFound() {
        assertThatThrownBy(() -> inventory.getSellRecord(GetSellRecordRequest.newBuilder()
                        .setOrderSn(freshOrderSn())
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void listSellRecordsPagesByOrderNumberWithFilters() {
        long goods = goodsWithStock(100);
        String prefix = "L" + freshOrderSn().substring(1, 20);
        for (int i = 0; i < 5; i++) {
            sell(prefix + "-" + i, goods, 1);
        }
        sells.returnStock(prefix + "-2");
        long before = Instant.now().toEpochMilli() + 1;

        var firstPage = inventory.listSellRecords(ListSellRecordsRequest.newBuilder()
                .setStatus(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED)
                .setAfterOrderSn(prefix)
                .setCreatedBefore(before)
                .setPageSize(2)
                .build());
        assertThat(firstPage.getRecordsList())
                .extracting(r -> r.getOrderSn())
                .containsExactly(prefix + "-0", prefix + "-1");
        var secondPage = inventory.listSellRecords(ListSellRecordsRequest.newBuilder()
                .setStatus(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED)
                .setAfterOrderSn(prefix + "-1")
                .setCreatedBefore(before)
                .setPageSize(2)
                .build());
        assertThat(secondPage.getRecordsList())
                .extracting(r -> r.getOrderSn())
                .containsExactly(prefix + "-3", prefix + "-4");
        assertThat(secondPage.getRecords(0).getItemsList()).containsExactly(item(goods, 1));

        var returned = inventory.listSellRecords(ListSellRecordsRequest.newBuilder()
                .setStatus(SellRecordStatus.SELL_RECORD_STATUS_RETURNED)
                .setAfterOrderSn(prefix)
                .setPageSize(1000)
                .build());
        assertThat(returned.getRecordsList())
                .extracting(r -> r.getOrderSn())
                .contains(prefix + "-2")
                .doesNotContain(prefix + "-0");
        var createdLongAgo = inventory.listSellRecords(ListSellRecordsRequest.newBuilder()
                .setAfterOrderSn(prefix)
                .setCreatedBefore(1000)
                .build());
        assertThat(createdLongAgo.getRecordsList()).isEmpty();

        assertThatThrownBy(() -> inventory.listSellRecords(
                        ListSellRecordsRequest.newBuilder().setPageSize(1001).build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void settledDeductionsLeaveTheUnsettledList_andRecordsAreFoundByNumber() {
        long goods = goodsWithStock(10);
        String prefix = "S" + freshOrderSn().substring(1, 20);
        for (int i = 0; i < 3; i++) {
            sell(prefix + "-" + i, goods, 1);
        }
        sells.returnStock(prefix + "-2");

        var settled = inventory.settleSellRecords(SettleSellRecordsRequest.newBuilder()
                .addOrderSns(prefix + "-0")
                .addOrderSns(prefix + "-2")
                .addOrderSns(prefix + "-unknown")
                .build());

        assertThat(settled.getSettled()).as("only a DEDUCTED record is settled").isEqualTo(1);
        var unsettled = inventory.listSellRecords(ListSellRecordsRequest.newBuilder()
                .setStatus(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED)
                .setUnsettledOnly(true)
                .setAfterOrderSn(prefix)
                .setPageSize(1000)
                .build());
        assertThat(unsettled.getRecordsList())
                .extracting(r -> r.getOrderSn())
                .contains(prefix + "-1")
                .doesNotContain(prefix + "-0", prefix + "-2");
        var byNumber = inventory.getSellRecords(GetSellRecordsRequest.newBuilder()
                .addOrderSns(prefix + "-1")
                .addOrderSns(prefix + "-0")
                .addOrderSns(prefix + "-unknown")
                .build());
        assertThat(byNumber.getRecordsList())
                .extracting(r -> r.getOrderSn(), r -> r.getSettled(), r -> r.getStatus())
                .containsExactly(
                        tuple(prefix + "-0", true, SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED),
                        tuple(prefix + "-1", false, SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED));
        assertThat(inventory
                        .settleSellRecords(SettleSellRecordsRequest.newBuilder()
                                .addOrderSns(prefix + "-0")
                                .build())
                        .getSettled())
                .as("settled once")
                .isZero();
        assertThat(inventory
                        .getStock(GetStockRequest.newBuilder().setGoodsId(goods).build())
                        .getStock())
                .as("settling changes no stock")
                .isEqualTo(8);
    }

    private static GoodsQuantity item(long goodsId, int quantity) {
        return GoodsQuantity.newBuilder()
                .setGoodsId(goodsId)
                .setQuantity(quantity)
                .build();
    }
}
