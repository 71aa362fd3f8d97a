package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.order.support.Platform;
import dev.orderplatform.web.testing.ApiFuzzer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every operation of the served document driven with generated valid and invalid requests (see {@link ApiFuzzer})
 * against the real goods and inventory services: no 5xx, every 4xx a problem detail with a documented code, a
 * refused request leaves the user's cart and orders, every cart and order count and the stock as they were, and
 * the stock audit is clean at the end.
 */
class ApiFuzzTest extends OrderServiceTest {

    private static final int INITIAL_STOCK = 1_000_000;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void generatedRequestsGetDocumentedAnswersAndRefusalsChangeNothing() {
        String user = Platform.freshUser();
        List<Long> goods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            goods.add(platform.newGoods("1.25", INITIAL_STOCK));
        }
        ApiFuzzer.Report report = ApiFuzzer.of("order", "http://127.0.0.1:" + port)
                .tokens(Platform.JWT_SECRET.getBytes(StandardCharsets.UTF_8), user)
                .pool("goodsId", () -> goods)
                .pool("goodsIds[]", () -> goods)
                .pool(
                        "orderSn",
                        () -> jdbc.queryForList("SELECT order_sn FROM orders WHERE user_id = ?", String.class, user))
                .state(() -> state(user, goods))
                .budget(600, Duration.ofSeconds(35))
                .run();
        assertThat(report.failures()).as(report.summary()).isEmpty();
        Map<Long, Integer> initial = new LinkedHashMap<>();
        goods.forEach(id -> initial.put(id, INITIAL_STOCK));
        assertAuditClean(initial);
    }

    /** What a refused request must not change: the user's data, every row count (any user's), the stock. */
    private Map<String, Object> state(String user, List<Long> goods) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put(
                "cart",
                jdbc.queryForList(
                        "SELECT goods_id, quantity, selected FROM cart_item WHERE user_id = ?" + " ORDER BY goods_id",
                        user));
        state.put(
                "orders",
                jdbc.queryForList("SELECT order_sn, status FROM orders WHERE user_id = ? ORDER BY order_sn", user));
        state.put(
                "rows",
                jdbc.queryForMap(
                        "SELECT (SELECT COUNT(*) FROM cart_item) AS cart_items,"
                                + " (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM order_line) AS order_lines"));
        goods.forEach(id -> state.put("stock " + id, platform.stock(id)));
        return state;
    }
}
