package dev.orderplatform.order;

import dev.orderplatform.web.testing.OpenApiDocuments;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The order API as served must be the one checked in as {@code services/order/openapi.yaml}. */
class OpenApiDocumentTest extends OrderServiceTest {

    @Test
    void servedDocumentIsTheCheckedInOne() throws Exception {
        OpenApiDocuments.assertMatchesCheckedIn(
                OpenApiDocuments.servedYaml("http://127.0.0.1:" + port), Path.of("openapi.yaml"));
    }
}
