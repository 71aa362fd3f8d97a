package dev.orderplatform.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WarmUpTest {

    /** 16 users, 60 s to 240 s, settled under 5% JIT. */
    private final WarmUp.Rule rule = new WarmUp.Rule(16, 60, 240, 0.05);

    /** A platform's last window: order and broker JVMs, with the given JIT seconds of 10 CPU seconds. */
    private static Map<String, ProcessCpu.Usage> window(double orderJit, double brokerJit) {
        return Map.of(
                "order", new ProcessCpu.Usage(6, 0.1, orderJit),
                "broker+nameserver", new ProcessCpu.Usage(4, 0.1, brokerJit));
    }

    @Test
    void goesOnBeforeTheMinimumEvenWhenTheJitIsQuiet() {
        assertThat(rule.ending(59, window(0.1, 0))).isEmpty();
    }

    @Test
    void endsOnceTheJitShareOfThePlatformIsUnderTheThreshold() {
        assertThat(rule.ending(60, window(0.3, 0.1))).hasValueSatisfying(ending -> {
            assertThat(ending.settled()).isTrue();
            assertThat(ending.jitShare()).isCloseTo(0.04, within(1e-9));
            assertThat(ending).hasToString("JIT settled at 4.0%");
        });
    }

    @Test
    void goesOnWhileTheJitShareIsAtTheThreshold() {
        assertThat(rule.ending(120, window(0.4, 0.1))).isEmpty();
    }

    @Test
    void endsAtTheTimeLimitWithTheJitShareItReached() {
        assertThat(rule.ending(240, window(1.2, 0.3))).hasValueSatisfying(ending -> {
            assertThat(ending.settled()).isFalse();
            assertThat(ending).hasToString("time limit with JIT at 15.0%");
        });
    }

    @Test
    void aWindowNotYetSampledIsNeverSettled() {
        assertThat(rule.ending(100, Map.of())).isEmpty();
        assertThat(rule.ending(240, Map.of()))
                .hasValueSatisfying(ending -> assertThat(ending.settled()).isFalse());
    }

    /**
     * The measured load has a new user per order, so the order service verifies a token it has not seen on every
     * request; a warm-up by a few returning users never ran that verification (it answers a known token from its
     * cache), and the JIT compiled it in the first measured step instead.
     */
    @Test
    void everyWarmUpOrderIsPlacedByAUserOfItsOwnAsInTheMeasuredLoad() throws IOException {
        Map<String, List<String>> requestsByUser = new LinkedHashMap<>();
        AtomicInteger orders = new AtomicInteger();
        HttpServer orderApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        orderApi.createContext("/api/v1/", exchange -> {
            String request =
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            synchronized (requestsByUser) {
                requestsByUser
                        .computeIfAbsent(subject(exchange), user -> new ArrayList<>())
                        .add(request.replaceAll("/orders/[^/]+/", "/orders/{sn}/"));
            }
            if (request.equals("POST /api/v1/orders")) {
                answer(exchange, 201, "{\"orderSn\":\"sn-" + orders.incrementAndGet() + "\"}");
            } else {
                answer(exchange, 200, "{}");
            }
        });
        orderApi.start();
        try {
            String url = "http://127.0.0.1:" + orderApi.getAddress().getPort();
            PlatformUnderTest platform = PlatformUnderTest.external(url, url, url, "a-secret-of-at-least-32-bytes....");

            WarmUp.run(platform, new PlatformApi(platform), List.of(7L, 8L), "test", 12);

            assertThat(requestsByUser).hasSize(12);
            assertThat(requestsByUser.values())
                    .allSatisfy(requests -> assertThat(requests)
                            .containsExactly(
                                    "POST /api/v1/cart/items", "POST /api/v1/orders", "POST /api/v1/orders/{sn}/pay"));
        } finally {
            orderApi.stop(0);
        }
    }

    /**
     * A phase measured after a warm-up whose orders all failed measures cold JVMs (a benchmark mode's long user names
     * once made every warm-up token invalid, and the run went on): the benchmark's warm-up fails instead.
     */
    @Test
    void theBenchmarksWarmUpFailsWhenThePlatformRefusesItsOrders() throws IOException {
        HttpServer orderApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        orderApi.createContext("/api/v1/", exchange -> answer(exchange, 401, "{\"code\":\"UNAUTHORIZED\"}"));
        orderApi.start();
        try {
            String url = "http://127.0.0.1:" + orderApi.getAddress().getPort();
            PlatformUnderTest platform = PlatformUnderTest.external(url, url, url, "a-secret-of-at-least-32-bytes....");

            assertThatThrownBy(() -> WarmUp.untilSettled(
                            platform, new PlatformApi(platform), List.of(7L), "test", new WarmUp.Rule(2, 0, 1, 0.05)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("0 orders paid")
                    .hasMessageContaining("the last failure: cart add answered 401");
        } finally {
            orderApi.stop(0);
        }
    }

    @Test
    void aWarmUpWithUpToOnePercentOfItsOrdersFailedStillCounts() {
        assertThat(new WarmUp.Tally(99, 1, 16, 60, 10, "payment answered 503").mostlyPaid())
                .isTrue();
        assertThat(new WarmUp.Tally(98, 2, 16, 60, 10, "payment answered 503").mostlyPaid())
                .isFalse();
        assertThat(new WarmUp.Tally(0, 0, 16, 60, 10, null).mostlyPaid()).isTrue();
    }

    private static String subject(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
        JsonNode claims = PlatformApi.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return claims.get("sub").asString();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
