package dev.orderplatform.order.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.order.OrderServiceTest;
import dev.orderplatform.order.support.Gate;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The order service with room for one API request at a time, against the real platform. */
@TestPropertySource(
        properties = {
            "orderplatform.order.admission.max-concurrent-requests=1",
            "orderplatform.order.admission.max-wait=300ms"
        })
@DirtiesContext // its producers and timeout consumer leave their groups when this class is done
class AdmissionTest extends OrderServiceTest {

    @Test
    void aRequestBeyondTheLimitIsRefusedAfterItsWaitHavingChangedNothing_probesStillAnswer() throws Exception {
        String buyer = Platform.freshUser();
        String waiting = Platform.freshUser();
        long goods = platform.newGoods("2.00", 5);
        OrderApi api = api();
        assertThat(api.post(tokenOf(buyer), "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 1))
                        .status())
                .isEqualTo(201);

        Gate creating = hooks.blockBeforeHalfMessage(buyer);
        CompletableFuture<Response> order =
                CompletableFuture.supplyAsync(() -> api.post(tokenOf(buyer), "/api/v1/orders", OrderApi.ORDER_DETAILS));
        creating.awaitReached(Duration.ofSeconds(20));

        Response refused = api.post(tokenOf(waiting), "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 2));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo(RequestAdmission.OVERLOADED);
        assertThat(api.raw("/actuator/health/liveness")).startsWith("200");
        assertThat(api.raw("/actuator/prometheus"))
                .contains("orderplatform_admission_refused_total 1.0")
                .contains("orderplatform_admission_waiting 0.0");

        creating.release();
        assertThat(order.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        Response cart = api.get(tokenOf(waiting), "/api/v1/cart");
        assertThat(cart.body().get("items"))
                .as("the refused add changed nothing")
                .isEmpty();
        assertThat(api.post(tokenOf(waiting), "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 2))
                        .status())
                .as("its turn, once the order is done")
                .isEqualTo(201);
    }
}
