package dev.orderplatform.goods;

import dev.orderplatform.web.testing.OpenApiDocuments;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The goods API as served must be the one checked in as {@code services/goods/openapi.yaml}. */
class OpenApiDocumentTest extends GoodsServiceTest {

    @Test
    void servedDocumentIsTheCheckedInOne() throws Exception {
        OpenApiDocuments.assertMatchesCheckedIn(
                OpenApiDocuments.servedYaml("http://127.0.0.1:" + port), Path.of("openapi.yaml"));
    }
}
