package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The cart shows the catalogue as it read it a moment ago; an order is priced by the catalogue when it is created.
 * The cart keeps what it read for an hour here, so that what it shows is certainly the old price.
 */
@TestPropertySource(properties = "orderplatform.order.cart-catalogue-ttl=1h")
class CartPricesTest extends OrderServiceTest {

    @Test
    void anOrderHasTheCataloguePriceWhenCreatedWhateverTheCartShows() {
        long goods = platform.newGoods("10.00", 5);
        String token = tokenOf(Platform.freshUser());
        OrderApi api = api();
        Response added = api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 2));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.body().get("selectedTotal").decimalValue()).isEqualByComparingTo("20.00");

        platform.changePrice(goods, "12.50");

        Response cart = api.get(token, "/api/v1/cart");
        assertThat(cart.body().get("items").get(0).get("price").decimalValue()).isEqualByComparingTo("10.00");
        Response created = api.post(token, "/api/v1/orders", OrderApi.ORDER_DETAILS);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().get("lines").get(0).get("price").decimalValue())
                .isEqualByComparingTo("12.50");
        assertThat(created.body().get("total").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(platform.stock(goods)).isEqualTo(3);
        assertAuditClean(Map.of(goods, 5));
    }
}
