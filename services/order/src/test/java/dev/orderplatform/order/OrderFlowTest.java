package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import dev.orderplatform.web.security.Roles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The user's flow over HTTP (cart -> order -> pay) and the API's refusals, each with its stable code. */
class OrderFlowTest extends OrderServiceTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void tokensWithoutAUsableSubjectOrWithoutExpiryAreRefusedAndChangeNoCart() throws Exception {
        long goods = platform.newGoods("3.00", 5);
        String user = Platform.freshUser();
        Instant expiry = Instant.now().plusSeconds(600);
        Map<String, String> refusedTokens = Map.of(
                "no sub", signed(new JWTClaimsSet.Builder().expirationTime(Date.from(expiry))),
                "65-character sub",
                        signed(new JWTClaimsSet.Builder()
                                .subject("u".repeat(65))
                                .expirationTime(Date.from(expiry))),
                "blank sub", signed(new JWTClaimsSet.Builder().subject(" ").expirationTime(Date.from(expiry))),
                "sub with a control character",
                        signed(new JWTClaimsSet.Builder().subject("a\u0000b").expirationTime(Date.from(expiry))),
                "no exp", signed(new JWTClaimsSet.Builder().subject(user)));
        OrderApi api = api();

        SoftAssertions.assertSoftly(soft -> refusedTokens.forEach((what, token) -> {
            Response refused = api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 1));
            soft.assertThat(refused.status()).as(what + ": " + refused).isEqualTo(401);
            soft.assertThat(refused.code()).as(what).isEqualTo("UNAUTHENTICATED");
        }));

        assertThat(api.get(tokenOf(user), "/api/v1/cart").body().get("items")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cart_item WHERE goods_id = ?")
                        .param(goods)
                        .query(Long.class)
                        .single())
                .isZero();
        // The longest allowed subject is a user like any other.
        String longest =
                signed(new JWTClaimsSet.Builder().subject("u".repeat(64)).expirationTime(Date.from(expiry)));
        assertThat(api.post(longest, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 1))
                        .status())
                .isEqualTo(201);
    }

    /** A token signed with the platform's key, as a user token but with exactly these claims. */
    private static String signed(JWTClaimsSet.Builder claims) {
        try {
            SignedJWT token = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256),
                    claims.claim(Roles.CLAIM, List.of(Roles.USER)).build());
            token.sign(new MACSigner(Platform.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
            return token.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void happyPathCartOrderPayKeepsTheStockDeductedAndReturnsNothing() throws Exception {
        long apple = platform.newGoods("12.50", 10);
        long pear = platform.newGoods("3.20", 5);
        String user = Platform.freshUser();
        String token = tokenOf(user);
        OrderApi api = api();

        assertThat(api.post(token, "/api/v1/cart/items", Map.of("goodsId", apple, "quantity", 1))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(token, "/api/v1/cart/items", Map.of("goodsId", apple, "quantity", 3))
                        .status())
                .isEqualTo(200);
        assertThat(api.post(token, "/api/v1/cart/items", Map.of("goodsId", pear, "quantity", 2))
                        .status())
                .isEqualTo(201);
        Response cart = api.get(token, "/api/v1/cart");
        assertThat(cart.body().get("items")).hasSize(2);
        assertThat(cart.body().get("selectedTotal").decimalValue()).isEqualByComparingTo("43.90");
        // Unselect the pear: it stays in the cart, out of the order.
        assertThat(api.patch(token, "/api/v1/cart/items/" + pear, Map.of("selected", false))
                        .status())
                .isEqualTo(200);

        Response created = api.post(
                token, "/api/v1/orders", Map.of("address", "1 Main Street", "name", "Ann", "mobile", "13800000000"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String orderSn = created.text("orderSn");
        assertThat(created.text("status")).isEqualTo("WAIT_BUYER_PAY");
        assertThat(created.body().get("total").decimalValue()).isEqualByComparingTo("37.50");
        assertThat(platform.stock(apple)).isEqualTo(7);
        assertThat(platform.stock(pear)).isEqualTo(5);
        assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        // The ordered item left the cart, the unselected one stayed.
        assertThat(api.get(token, "/api/v1/cart").body().get("items")).hasSize(1);

        Response paid = api.post(token, "/api/v1/orders/" + orderSn + "/pay", null);
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.text("status")).isEqualTo("TRADE_SUCCESS");
        assertThat(api.post(token, "/api/v1/orders/" + orderSn + "/pay", null).status())
                .as("paying twice")
                .isEqualTo(200);

        Response read = api.get(token, "/api/v1/orders/" + orderSn);
        assertThat(read.text("status")).isEqualTo("TRADE_SUCCESS");
        assertThat(read.body().get("lines")).hasSize(1);
        assertThat(read.body().get("lines").get(0).get("price").decimalValue()).isEqualByComparingTo("12.50");
        Response list = api.get(token, "/api/v1/orders?page=0&size=10");
        assertThat(list.body().get("total").asLong()).isEqualTo(1);
        assertThat(list.body().get("items").get(0).get("orderSn").asString()).isEqualTo(orderSn);

        // No return ever comes: after the whole check-back window the stock is still deducted.
        Thread.sleep(CHECK_WINDOW.toMillis());
        assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertThat(platform.stock(apple)).isEqualTo(7);
        assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.TRADE_SUCCESS);
        assertAuditClean(Map.of(apple, 10, pear, 5));

        // Probes and metrics are open.
        assertThat(api.raw("/actuator/health/readiness")).startsWith("200");
        assertThat(api.raw("/actuator/health/liveness")).startsWith("200");
        assertThat(api.raw("/actuator/prometheus"))
                .startsWith("200")
                .contains("orderplatform_orders_placed_total")
                .contains("orderplatform_protocol_mode{consistent=\"true\",mode=\"reliable\"} 1");
        assertThat(api.raw("/actuator/info"))
                .startsWith("200")
                .contains("\"mode\":\"reliable\"")
                .contains("\"benchmarkOnly\":false");
    }

    @Test
    void refusalsHaveStableCodesAndChangeNothing() throws Exception {
        long goods = platform.newGoods("2.00", 3);
        String user = Platform.freshUser();
        String token = tokenOf(user);
        OrderApi api = api();

        Response empty = api.post(token, "/api/v1/orders", Map.of("address", "a", "name", "n", "mobile", "1"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("CART_EMPTY");

        Response invalid = api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 0));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        Response unknownGoods = api.post(token, "/api/v1/cart/items", Map.of("goodsId", 987654321L, "quantity", 1));
        assertThat(unknownGoods.status()).isEqualTo(404);
        assertThat(unknownGoods.code()).isEqualTo("GOODS_NOT_FOUND");
        assertThat(api.delete(token, "/api/v1/cart/items/" + goods).code()).isEqualTo("CART_ITEM_NOT_FOUND");
        Response noAddress = api.post(token, "/api/v1/orders", Map.of("name", "n", "mobile", "1"));
        assertThat(noAddress.code()).isEqualTo("VALIDATION_FAILED");

        // More than the stock: 409 with the short goods, nothing deducted, no return needed.
        Response tooMany = api.order(token, Map.of(goods, 4));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.code()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(tooMany.body().get("goodsIds").get(0).asLong()).isEqualTo(goods);
        assertThat(platform.stock(goods)).isEqualTo(3);

        // A goods taken off sale after it went into the cart.
        long offSale = platform.newGoods("1.00", 3);
        String other = Platform.freshUser();
        api.post(tokenOf(other), "/api/v1/cart/items", Map.of("goodsId", offSale, "quantity", 1));
        platform.takeOffSale(offSale);
        Response unavailable =
                api.post(tokenOf(other), "/api/v1/orders", Map.of("address", "a", "name", "n", "mobile", "1"));
        assertThat(unavailable.status()).isEqualTo(409);
        assertThat(unavailable.code()).isEqualTo("GOODS_UNAVAILABLE");
        assertThat(platform.stock(offSale)).isEqualTo(3);

        // Someone else's order, or an unknown one: 404, never 403.
        api.delete(token, "/api/v1/cart/items/" + goods);
        Response mine = api.order(token, Map.of(goods, 1));
        assertThat(mine.status()).isEqualTo(201);
        String orderSn = mine.text("orderSn");
        String stranger = tokenOf(Platform.freshUser());
        assertThat(api.get(stranger, "/api/v1/orders/" + orderSn).code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(api.post(stranger, "/api/v1/orders/" + orderSn + "/pay", null)
                        .status())
                .isEqualTo(404);
        assertThat(api.get(token, "/api/v1/orders/nope").status()).isEqualTo(404);
        assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.WAIT_BUYER_PAY);

        // Paying a closed order: 409 ORDER_CLOSED.
        assertThat(protocol.closeIfUnpaid(orderSn))
                .isEqualTo(dev.orderplatform.order.protocol.OrderProtocol.CloseResult.CLOSED);
        Response closed = api.post(token, "/api/v1/orders/" + orderSn + "/pay", null);
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.code()).isEqualTo("ORDER_CLOSED");
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 3);

        // Security: no token 401; a user token on the audit 403; an admin token 200.
        assertThat(api.get(null, "/api/v1/cart").code()).isEqualTo("UNAUTHENTICATED");
        assertThat(api.get(token, "/api/v1/audit").code()).isEqualTo("FORBIDDEN");
        Response audit = api.post(
                platform.adminToken(),
                "/api/v1/audit",
                Map.of("initialStock", Map.of(String.valueOf(goods), 3, String.valueOf(offSale), 3)));
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body().get("consistent").asBoolean())
                .as(audit.toString())
                .isTrue();
        assertThat(audit.body().get("equationChecked").asBoolean()).isTrue();
        Response structural = api.get(platform.adminToken(), "/api/v1/audit?goodsIds=" + goods);
        assertThat(structural.body().get("consistent").asBoolean())
                .as(structural.toString())
                .isTrue();
        assertAuditClean(List.of(goods, offSale));
    }

    @Test
    void badPagesAndNonIntegralQuantitiesAreRefusedAndChangeNothing() throws Exception {
        long goods = platform.newGoods("1.00", 3);
        String token = tokenOf(Platform.freshUser());
        OrderApi api = api();

        SoftAssertions.assertSoftly(softly -> {
            for (String query : List.of("size=0", "size=100000", "page=-1", "page=2147483647&size=100")) {
                Response refused = api.get(token, "/api/v1/orders?" + query);
                softly.assertThat(refused.status()).as(query + ": " + refused).isEqualTo(400);
                softly.assertThat(refused.code()).as(query).isEqualTo("VALIDATION_FAILED");
                softly.assertThat(refused.body()
                                .path("errors")
                                .path(0)
                                .path("field")
                                .asString())
                        .as(query)
                        .isEqualTo(query.startsWith("size") ? "size" : "page");
            }
            softly.assertThat(api.get(token, "/api/v1/orders?page=21474836&size=100")
                            .status())
                    .as("the last page that fits")
                    .isEqualTo(200);

            Response fractional = api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 1.5));
            softly.assertThat(fractional.status()).as(fractional.toString()).isEqualTo(400);
            softly.assertThat(fractional.code()).isEqualTo("VALIDATION_FAILED");
            softly.assertThat(fractional
                            .body()
                            .path("errors")
                            .path(0)
                            .path("field")
                            .asString())
                    .isEqualTo("quantity");
            softly.assertThat(api.get(token, "/api/v1/cart").body().get("items"))
                    .as("the cart")
                    .isEmpty();
        });
    }
}
