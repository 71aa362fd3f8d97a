package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The order timeout through the real timer topic: unpaid orders close and return their stock, paid ones do not. */
@TestPropertySource(properties = "orderplatform.order.timeout=1500ms")
class OrderTimeoutTest extends OrderServiceTest {

    @Test
    void unpaidOrdersCloseAndReturnTheirStock_paidOnesStay() throws Exception {
        long goods = platform.newGoods("4.00", 10);
        OrderApi api = api();
        String unpaidToken = tokenOf(Platform.freshUser());
        String paidToken = tokenOf(Platform.freshUser());
        String unpaid = api.order(unpaidToken, Map.of(goods, 2)).text("orderSn");
        String paid = api.order(paidToken, Map.of(goods, 3)).text("orderSn");
        assertThat(api.post(paidToken, "/api/v1/orders/" + paid + "/pay", null).status())
                .isEqualTo(200);
        assertThat(platform.stock(goods)).isEqualTo(5);

        await().atMost(WAIT).untilAsserted(() -> assertThat(statusOf(unpaid)).isEqualTo(OrderStatus.TRADE_CLOSED));
        awaitRecord(unpaid, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 7);
        Response late = api.post(unpaidToken, "/api/v1/orders/" + unpaid + "/pay", null);
        assertThat(late.code()).isEqualTo("ORDER_CLOSED");

        // The paid order's timeout came too and left it alone.
        Thread.sleep(CHECK_WINDOW.toMillis());
        assertThat(statusOf(paid)).isEqualTo(OrderStatus.TRADE_SUCCESS);
        assertThat(platform.sellRecordStatus(paid)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertThat(platform.stock(goods)).isEqualTo(7);
        assertAuditClean(Map.of(goods, 10));
    }
}
