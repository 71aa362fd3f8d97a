package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The cart shows the catalogue as it read it a moment ago, and order creation prices orders by a copy of its own. Both
 * keep what they read for an hour here, so that an old price is certainly the one kept.
 */
@TestPropertySource(
        properties = {"orderplatform.order.cart-catalogue-ttl=1h", "orderplatform.order.creation-catalogue-ttl=1h"})
class CataloguePricesTest extends OrderServiceTest {

    @Test
    void anOrderIsPricedByCreationsCopyNotByWhatTheCartShows() {
        long goods = platform.newGoods("10.00", 5);
        String token = tokenOf(Platform.freshUser());
        OrderApi api = api();
        Response added = api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 2));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.body().get("selectedTotal").decimalValue()).isEqualByComparingTo("20.00");

        platform.changePrice(goods, "12.50");

        Response cart = api.get(token, "/api/v1/cart");
        assertThat(cart.body().get("items").get(0).get("price").decimalValue()).isEqualByComparingTo("10.00");
        // Creation had not read this goods yet: it reads the catalogue, whatever the cart's copy holds.
        Response created = api.post(token, "/api/v1/orders", OrderApi.ORDER_DETAILS);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().get("lines").get(0).get("price").decimalValue())
                .isEqualByComparingTo("12.50");
        assertThat(created.body().get("total").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(platform.stock(goods)).isEqualTo(3);
        assertAuditClean(Map.of(goods, 5));
    }

    @Test
    void ordersWithinTheCreationCopysTtlKeepThePriceItRead() {
        long goods = platform.newGoods("10.00", 5);
        OrderApi api = api();
        Response first = api.order(tokenOf(Platform.freshUser()), Map.of(goods, 1));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        platform.changePrice(goods, "12.50");

        // Read by the first creation within the hour: the second order costs what the first did, without a
        // BatchGetGoods (a creation with the default TTL of 1 s sees the new price a second later at most).
        Response second = api.order(tokenOf(Platform.freshUser()), Map.of(goods, 2));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.body().get("lines").get(0).get("price").decimalValue())
                .isEqualByComparingTo("10.00");
        assertThat(second.body().get("total").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(platform.stock(goods)).isEqualTo(2);
        assertAuditClean(Map.of(goods, 5));
    }
}
