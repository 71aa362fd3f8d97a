package dev.orderplatform.inventory;

import dev.orderplatform.web.testing.OpenApiDocuments;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The inventory API as served must be the one checked in as {@code services/inventory/openapi.yaml}. */
class OpenApiDocumentTest extends InventoryServiceTest {

    @Test
    void servedDocumentIsTheCheckedInOne() throws Exception {
        OpenApiDocuments.assertMatchesCheckedIn(
                OpenApiDocuments.servedYaml("http://127.0.0.1:" + port), Path.of("openapi.yaml"));
    }
}
