package dev.orderplatform.web.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The OpenAPI document a service serves against the copy checked in beside it ({@code services/<name>/openapi.yaml}):
 * the API a user reads must be the one the code serves. After an intended API change, {@link #REGENERATE} writes the
 * served documents over the checked-in ones (review the diff, commit it).
 */
public final class OpenApiDocuments {

    /** Set to true to write the served document over the checked-in one instead of comparing. */
    public static final String UPDATE_PROPERTY = "openapi.update";

    /**
     * The one command that regenerates every checked-in document ({@code verify}, not {@code test}: the order
     * service's tests run the goods and inventory jars).
     */
    public static final String REGENERATE = "./mvnw -B -pl services/goods,services/inventory,services/order -am verify"
            + " -Dtest='*OpenApiDocumentTest' -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OpenApiDocuments() {}

    /** The document as served at {@code /v3/api-docs.yaml}, without a token. */
    public static String servedYaml(String baseUrl) {
        return get(baseUrl + "/v3/api-docs.yaml", "application/vnd.oai.openapi");
    }

    /** The document as served at {@code /v3/api-docs} (JSON), without a token. */
    public static String servedJson(String baseUrl) {
        return get(baseUrl + "/v3/api-docs", "application/json");
    }

    /**
     * Fails, saying how to regenerate, when the served document differs from the checked-in one; with
     * {@code -Dopenapi.update=true} writes it instead.
     *
     * @param checkedIn relative to the module (the tests' working directory), e.g. {@code openapi.yaml}
     */
    public static void assertMatchesCheckedIn(String served, Path checkedIn) throws IOException {
        String document = served.replace("\r\n", "\n").stripTrailing() + "\n";
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(checkedIn, document, StandardCharsets.UTF_8);
            System.out.println("Wrote the served OpenAPI document to " + checkedIn.toAbsolutePath());
            return;
        }
        if (!Files.isRegularFile(checkedIn)) {
            fail("No checked-in OpenAPI document " + checkedIn.toAbsolutePath() + "; create it with: " + REGENERATE);
        }
        String expected = Files.readString(checkedIn, StandardCharsets.UTF_8);
        if (!expected.equals(document)) {
            fail("The served OpenAPI document differs from " + checkedIn.toAbsolutePath()
                    + firstDifference(expected, document)
                    + "\nIf the API change is intended, regenerate the checked-in documents with:\n  "
                    + REGENERATE + "\nand commit them.");
        }
    }

    private static String firstDifference(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end>";
            String right = i < b.size() ? b.get(i) : "<end>";
            if (!left.equals(right)) {
                return "\nfirst at line " + (i + 1) + ":\n  checked in: " + left + "\n  served:     " + right;
            }
        }
        return "";
    }

    private static String get(String url, String accept) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Accept", accept)
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode())
                    .as("GET %s without a token: %s", url, response.body())
                    .isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
