package dev.orderplatform.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.web.security.JwtProperties;
import dev.orderplatform.web.testing.ApiFuzzer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every operation of the served document driven with generated valid and invalid requests (see {@link ApiFuzzer}):
 * no 5xx, every 4xx a problem detail with a documented code, and a refused write leaves the stock as it was.
 */
class ApiFuzzTest extends InventoryServiceTest {

    /** The generator's own goods ids stay below this; other tests' fresh ids are far above it. */
    private static final long GENERATED_IDS = 1_000_000;

    @Autowired
    JwtProperties jwt;

    @Test
    void generatedRequestsGetDocumentedAnswersAndRefusalsChangeNothing() {
        List<Long> goods = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = goodsWithStock(50);
            goods.add(id);
            String orderSn = freshOrderSn();
            sell(orderSn, id, 1);
            orders.add(orderSn);
        }
        String ids = goods.stream().map(String::valueOf).collect(Collectors.joining(","));
        ApiFuzzer.Report report = ApiFuzzer.of("inventory", "http://127.0.0.1:" + port)
                .tokens(jwt.secretBytes(), "fuzz-shopper")
                .pool("goodsId", () -> goods)
                .pool("orderSn", () -> orders)
                .pool("after", () -> orders)
                // The stock rows a request of the generator can reach; the reback consumer may still be returning
                // stock of earlier test classes' goods, so theirs are left out.
                .state(() -> jdbc.queryForList(
                        "SELECT goods_id, stock FROM stock WHERE goods_id < ? OR goods_id IN (" + ids
                                + ") ORDER BY goods_id",
                        GENERATED_IDS))
                .budget(1_500, Duration.ofSeconds(25))
                .run();
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }
}
