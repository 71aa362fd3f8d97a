package dev.orderplatform.goods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.web.security.JwtProperties;
import dev.orderplatform.web.testing.ApiFuzzer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every operation of the served document driven with generated valid and invalid requests (see {@link ApiFuzzer}):
 * no 5xx, every 4xx a problem detail with a documented code, and a refused write leaves the catalogue as it was.
 */
class ApiFuzzTest extends GoodsServiceTest {

    @Autowired
    JwtProperties jwt;

    @Test
    void generatedRequestsGetDocumentedAnswersAndRefusalsChangeNothing() {
        List<Long> ids = jdbc.queryForList("SELECT id FROM goods ORDER BY id DESC LIMIT 20", Long.class);
        ApiFuzzer.Report report = ApiFuzzer.of("goods", "http://127.0.0.1:" + port)
                .tokens(jwt.secretBytes(), "fuzz-shopper")
                .pool("id", () -> ids)
                .pool("price", () -> List.of("12.50", "0.01", "9999999999.99", "3"))
                // The whole table: nothing else writes to it while this test runs (test classes run one by one).
                .state(() -> jdbc.queryForList("SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS max_id,"
                                + " COALESCE(BIT_XOR(CRC32(CONCAT_WS('|', id, name, price, COALESCE(image_url, ''), on_sale,"
                                + " updated_at))), 0) AS digest FROM goods")
                        .getFirst())
                .budget(1_500, Duration.ofSeconds(25))
                .run();
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }
}
