package dev.orderplatform.inventory.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.contracts.PlatformServices;
import dev.orderplatform.contracts.inventory.v1.GetSellRecordRequest;
import dev.orderplatform.contracts.inventory.v1.GetStockRequest;
import dev.orderplatform.contracts.inventory.v1.GoodsQuantity;
import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc.InventoryServiceBlockingStub;
import dev.orderplatform.contracts.inventory.v1.ListSellRecordsRequest;
import dev.orderplatform.contracts.inventory.v1.SellOutcome;
import dev.orderplatform.contracts.inventory.v1.SellRequest;
import dev.orderplatform.inventory.InventoryServiceTest;
import dev.orderplatform.web.security.JwtProperties;
import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may call the inventory over gRPC, on the real server: Sell only the order service (its service token for the
 * audience inventory); the reads the order service and ADMIN; nobody else, and no token that is expired, for another
 * audience or signed with another key.
 */
class InventoryGrpcAuthorizationTest extends InventoryServiceTest {

    private static final Duration VALIDITY = Duration.ofMinutes(5);

    @Autowired
    JwtProperties jwt;

    @Test
    void sellWithoutAValidServiceTokenIsRefusedAndDeductsNothing() {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();
        SellRequest sell = SellRequest.newBuilder()
                .setOrderSn(orderSn)
                .addItems(GoodsQuantity.newBuilder().setGoodsId(goods).setQuantity(10))
                .build();

        assertRefused(Status.Code.UNAUTHENTICATED, anonymous, stub -> stub.sell(sell));
        assertRefused(
                Status.Code.PERMISSION_DENIED, withAuthorization(anonymous, userToken()), stub -> stub.sell(sell));
        assertRefused(Status.Code.PERMISSION_DENIED, admin, stub -> stub.sell(sell));
        assertRefused(
                Status.Code.PERMISSION_DENIED,
                bearer(tokens.issueServiceToken(PlatformServices.GOODS, PlatformServices.INVENTORY, VALIDITY)),
                stub -> stub.sell(sell));
        assertRefused(
                Status.Code.UNAUTHENTICATED,
                bearer(tokens.issueServiceToken(PlatformServices.ORDER, PlatformServices.GOODS, VALIDITY)),
                stub -> stub.sell(sell));
        assertRefused(
                Status.Code.UNAUTHENTICATED,
                bearer(new JwtTokens(jwt.secretBytes(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)))
                        .issueServiceToken(PlatformServices.ORDER, PlatformServices.INVENTORY, VALIDITY)),
                stub -> stub.sell(sell));
        assertRefused(
                Status.Code.UNAUTHENTICATED,
                bearer(new JwtTokens("another-key-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8))
                        .issueServiceToken(PlatformServices.ORDER, PlatformServices.INVENTORY, VALIDITY)),
                stub -> stub.sell(sell));
        assertRefused(
                Status.Code.UNAUTHENTICATED,
                bearer(tokens.issue(PlatformServices.ORDER, List.of(Roles.SERVICE), VALIDITY)),
                stub -> stub.sell(sell));

        assertThat(stockOf(goods)).isEqualTo(10);
        assertThat(recordStatus(orderSn)).isNull();

        assertThat(inventory.sell(sell).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);
        assertThat(stockOf(goods)).isZero();
    }

    @Test
    void readsAreForTheOrderServiceAndAdministrators() {
        long goods = goodsWithStock(3);
        String orderSn = freshOrderSn();
        sell(orderSn, goods, 1);
        GetStockRequest stock = GetStockRequest.newBuilder().setGoodsId(goods).build();
        GetSellRecordRequest record =
                GetSellRecordRequest.newBuilder().setOrderSn(orderSn).build();
        ListSellRecordsRequest list = ListSellRecordsRequest.newBuilder()
                .setAfterOrderSn(orderSn.substring(0, 10))
                .build();

        for (InventoryServiceBlockingStub reader : List.of(inventory, admin)) {
            assertThat(reader.getStock(stock).getStock()).isEqualTo(2);
            assertThat(reader.getSellRecord(record).getOrderSn()).isEqualTo(orderSn);
            assertThat(reader.listSellRecords(list).getRecordsList()).isNotEmpty();
        }
        assertReadsRefused(Status.Code.UNAUTHENTICATED, anonymous, stock, record, list);
        assertReadsRefused(
                Status.Code.PERMISSION_DENIED, withAuthorization(anonymous, userToken()), stock, record, list);
    }

    private static void assertReadsRefused(
            Status.Code expected,
            InventoryServiceBlockingStub caller,
            GetStockRequest stock,
            GetSellRecordRequest record,
            ListSellRecordsRequest list) {
        assertRefused(expected, caller, stub -> stub.getStock(stock));
        assertRefused(expected, caller, stub -> stub.getSellRecord(record));
        assertRefused(expected, caller, stub -> stub.listSellRecords(list));
    }

    private InventoryServiceBlockingStub bearer(String token) {
        return withAuthorization(anonymous, "Bearer " + token);
    }

    private static void assertRefused(
            Status.Code expected, InventoryServiceBlockingStub caller, Function<InventoryServiceBlockingStub, ?> call) {
        assertThatThrownBy(() -> call.apply(caller))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(expected));
    }
}
