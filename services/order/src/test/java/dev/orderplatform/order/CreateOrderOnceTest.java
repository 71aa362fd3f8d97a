package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.idempotency.IdempotencyKeyCleanup;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import dev.orderplatform.order.support.SellFaults.Fault;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One order per intent: a double submit from one cart, a retry with the same {@code Idempotency-Key}, concurrent
 * requests with one key; and an order total larger than an order holds, refused before anything is deducted.
 */
class CreateOrderOnceTest extends OrderServiceTest {

    private static final Map<String, String> BODY = OrderApi.ORDER_DETAILS;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private IdempotencyKeyCleanup cleanup;

    @Test
    void doubleSubmitFromOneCartCreatesOneOrderAndReturnsTheOtherDeduction() throws Exception {
        long goods = platform.newGoods("4.00", 10);
        long other = platform.newGoods("1.50", 10);
        String user = Platform.freshUser();
        String token = tokenOf(user);
        OrderApi api = api();
        assertThat(api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 3))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(token, "/api/v1/cart/items", Map.of("goodsId", other, "quantity", 1))
                        .status())
                .isEqualTo(201);

        DoubleSubmit submits = submitTwiceFromOneCartRead(user, Map.of());

        assertThat(submits.second().status()).as(submits.second().toString()).isEqualTo(201);
        assertThat(submits.second().body().get("lines")).hasSize(2);
        assertThat(submits.first().status()).as(submits.first().toString()).isEqualTo(409);
        assertThat(submits.first().code()).isEqualTo("CART_CHANGED");
        assertThat(statusOf(submits.firstOrderSn())).isNull();
        awaitRecord(submits.firstOrderSn(), SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 7);
        awaitStock(other, 9);
        assertThat(statusOf(submits.second().text("orderSn"))).isEqualTo(OrderStatus.WAIT_BUYER_PAY);
        assertThat(orderCount(api, token)).isEqualTo(1);
        assertThat(api.get(token, "/api/v1/cart").body().get("items")).isEmpty();
        assertAuditClean(Map.of(goods, 10, other, 10));
    }

    @Test
    void retryWithTheSameKeyAnswersTheFirstOrderAndDeductsOnce_anotherBodyIs422() {
        long goods = platform.newGoods("4.00", 10);
        String token = tokenOf(Platform.freshUser());
        OrderApi api = api();
        Map<String, String> key = key("retry-" + Platform.freshOrderSn());

        Response first = api.order(token, Map.of(goods, 2)); // fills the cart; ordered below with the key
        assertThat(first.status()).isEqualTo(201);
        assertThat(api.post(token, "/api/v1/orders/" + first.text("orderSn") + "/pay", null)
                        .status())
                .isEqualTo(200);
        api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 2));
        Response keyed = api.send(token, "POST", "/api/v1/orders", BODY, key);
        assertThat(keyed.status()).as(keyed.toString()).isEqualTo(201);
        assertThat(platform.stock(goods)).isEqualTo(6);

        // The answer was lost; meanwhile the same goods went into the cart again (another tab). The retry is the
        // same request: the same order and status code, nothing deducted, the cart left alone.
        api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 2));
        Response retry = api.send(token, "POST", "/api/v1/orders", BODY, key);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.text("orderSn")).isEqualTo(keyed.text("orderSn"));
        assertThat(retry.text("status")).isEqualTo("WAIT_BUYER_PAY");
        assertThat(platform.stock(goods)).isEqualTo(6);
        assertThat(api.get(token, "/api/v1/cart").body().get("items")).hasSize(1);

        Response otherBody = api.send(
                token,
                "POST",
                "/api/v1/orders",
                Map.of("address", "2 Other Street", "name", "Tess", "mobile", "13800000000"),
                key);
        assertThat(otherBody.status()).as(otherBody.toString()).isEqualTo(422);
        assertThat(otherBody.code()).isEqualTo("IDEMPOTENCY_KEY_MISMATCH");

        // Keys are per user: another user's request with this key is theirs alone.
        String other = tokenOf(Platform.freshUser());
        Response othersEmptyCart = api.send(other, "POST", "/api/v1/orders", BODY, key);
        assertThat(othersEmptyCart.code()).as(othersEmptyCart.toString()).isEqualTo("CART_EMPTY");

        assertThat(platform.stock(goods)).isEqualTo(6);
        assertThat(orderCount(api, token)).isEqualTo(2);
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOnce() throws Exception {
        long goods = platform.newGoods("4.00", 10);
        String user = Platform.freshUser();
        String token = tokenOf(user);
        OrderApi api = api();
        Map<String, String> key = key("\"concurrent-" + Platform.freshOrderSn() + "\""); // the draft's quoted form
        api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 4));

        DoubleSubmit submits = submitTwiceFromOneCartRead(user, key);

        assertThat(submits.second().status()).as(submits.second().toString()).isEqualTo(409);
        assertThat(submits.second().code()).isEqualTo("IDEMPOTENCY_KEY_IN_PROGRESS");
        assertThat(submits.first().status()).as(submits.first().toString()).isEqualTo(201);
        Response retry = api.send(token, "POST", "/api/v1/orders", BODY, key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text("orderSn")).isEqualTo(submits.first().text("orderSn"));
        assertThat(platform.stock(goods)).isEqualTo(6);
        assertThat(orderCount(api, token)).isEqualTo(1);
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void aFailedFirstRequestIsTheAnswerForItsKey_badKeysAre400() {
        long goods = platform.newGoods("4.00", 10);
        String token = tokenOf(Platform.freshUser());
        OrderApi api = api();
        Map<String, String> key = key("failed-" + Platform.freshOrderSn());

        Response empty = api.send(token, "POST", "/api/v1/orders", BODY, key);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("CART_EMPTY");
        api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 1));
        Response replayed = api.send(token, "POST", "/api/v1/orders", BODY, key);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(400);
        assertThat(replayed.code()).isEqualTo("CART_EMPTY");

        for (String bad : new String[] {"x".repeat(256), "two words", "\"unterminated", ""}) {
            Response refused = api.send(token, "POST", "/api/v1/orders", BODY, key(bad));
            assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
            assertThat(refused.code()).as(bad).isEqualTo("IDEMPOTENCY_KEY_INVALID");
        }
        assertThat(platform.stock(goods)).isEqualTo(10);
        assertThat(orderCount(api, token)).isZero();
    }

    @Test
    void aKeyWhoseFirstRequestHadAnUnknownOutcomeAnswersItAgain_neverASecondDeduction() {
        long goods = platform.newGoods("4.00", 10);
        String token = tokenOf(Platform.freshUser());
        OrderApi api = api();
        Map<String, String> key = key("unknown-" + Platform.freshOrderSn());
        api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 2));
        sellFaults.arm(goods, Fault.DROP_REPLY); // A2: deducted, the reply lost

        Response first = api.send(token, "POST", "/api/v1/orders", BODY, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(503);
        assertThat(first.code()).isEqualTo("ORDER_OUTCOME_UNKNOWN");
        awaitRecord(first.text("orderSn"), SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);

        sellFaults.disarm(goods);
        Response retry = api.send(token, "POST", "/api/v1/orders", BODY, key);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(503);
        assertThat(retry.code()).isEqualTo("ORDER_OUTCOME_UNKNOWN");
        assertThat(platform.stock(goods)).isEqualTo(10);
        assertThat(orderCount(api, token)).isZero();

        // A new attempt is a new key.
        Response again =
                api.send(token, "POST", "/api/v1/orders", BODY, key("unknown-again-" + Platform.freshOrderSn()));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(platform.stock(goods)).isEqualTo(8);
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void aKeyOlderThan24HoursIsFreeAgainAndCleanedUp() {
        long goods = platform.newGoods("4.00", 10);
        String user = Platform.freshUser();
        String token = tokenOf(user);
        OrderApi api = api();
        String keyText = "old-" + Platform.freshOrderSn();

        api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 1));
        Response first = api.send(token, "POST", "/api/v1/orders", BODY, key(keyText));
        assertThat(first.status()).isEqualTo(201);
        ageKeys(user);
        api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 1));
        Response afterExpiry = api.send(token, "POST", "/api/v1/orders", BODY, key(keyText));
        assertThat(afterExpiry.status()).as(afterExpiry.toString()).isEqualTo(201);
        assertThat(afterExpiry.text("orderSn")).isNotEqualTo(first.text("orderSn"));

        ageKeys(user);
        assertThat(cleanup.deleteExpired()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM idempotency_key WHERE user_id = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(platform.stock(goods)).isEqualTo(8);
    }

    @Test
    void aTotalLargerThanAnOrderHoldsIsRefusedBeforeAnythingIsDeducted() throws Exception {
        long goods = platform.newGoods("99999999.99", 1_000);
        String token = tokenOf(Platform.freshUser());
        OrderApi api = api();

        Response refused = api.order(token, Map.of(goods, 200)); // 19 999 999 998.00 > DECIMAL(12, 2)
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("ORDER_TOTAL_TOO_LARGE");
        assertThat(platform.stock(goods)).isEqualTo(1_000);
        Thread.sleep(CHECK_WINDOW.toMillis());
        assertThat(platform.stock(goods)).isEqualTo(1_000);
        assertThat(orderCount(api, token)).isZero();
        assertThat(api.get(token, "/api/v1/cart").body().get("items")).hasSize(1);
        assertAuditClean(Map.of(goods, 1_000));
    }

    private static Map<String, String> key(String value) {
        return Map.of("Idempotency-Key", value);
    }

    private static long orderCount(OrderApi api, String token) {
        return api.get(token, "/api/v1/orders").body().get("total").asLong();
    }

    /** Makes the user's keys look 25 hours old. */
    private void ageKeys(String user) {
        jdbc.sql("UPDATE idempotency_key SET created_at = created_at - INTERVAL 25 HOUR WHERE user_id = ?")
                .param(user)
                .update();
    }
}
