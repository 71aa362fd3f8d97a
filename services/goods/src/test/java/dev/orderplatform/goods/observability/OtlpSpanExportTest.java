package dev.orderplatform.goods.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.orderplatform.goods.GoodsServiceTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a cluster's services do when an OrderPlatform sets {@code monitoring.tracing.otlpEndpoint} (the operator passes
 * it as {@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT}, docs/observability.md): their spans reach that
 * endpoint as OTLP over HTTP. A loopback HTTP server stands in for the collector; the other tests see spans only
 * through Zipkin's export.
 */
class OtlpSpanExportTest extends GoodsServiceTest {

    /**
     * What the collector received: each request's path, content type and (decompressed) body, its bytes as text (OTLP
     * protobuf holds its strings as UTF-8 bytes, which ISO-8859-1 keeps one character per byte).
     */
    record Export(String path, String contentType, String text) {}

    private static final List<Export> received = new CopyOnWriteArrayList<>();
    private static final HttpServer collector = startCollector();

    @DynamicPropertySource
    static void exportToTheCollector(DynamicPropertyRegistry registry) {
        registry.add(
                "management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
        registry.add("management.tracing.sampling.probability", () -> "1.0");
    }

    @AfterAll
    static void stopCollector() {
        collector.stop(0);
    }

    @Test
    void aRequestsSpanReachesTheOtlpEndpoint() throws Exception {
        HttpResponse<Void> listed;
        try (HttpClient http = HttpClient.newHttpClient()) {
            listed = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/goods?size=1"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        assertThat(listed.statusCode()).isEqualTo(200);

        // Spans leave in batches, a few seconds after they end.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(received)
                        .anySatisfy(export -> assertThat(export.text()).contains("/api/v1/goods")));
        Export export = received.stream()
                .filter(e -> e.text().contains("/api/v1/goods"))
                .findFirst()
                .orElseThrow();
        assertThat(export.path()).isEqualTo("/v1/traces");
        assertThat(export.contentType()).isEqualTo("application/x-protobuf");
        assertThat(export.text()).contains("service.name").contains("goods").contains("http get");
    }

    private static HttpServer startCollector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        body = in.readAllBytes();
                    }
                }
                received.add(new Export(
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(body, StandardCharsets.ISO_8859_1)));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stand-in OTLP collector", e);
        }
    }
}
