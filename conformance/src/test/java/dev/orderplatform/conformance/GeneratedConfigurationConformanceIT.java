package dev.orderplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.k8s.testkit.ControlPlane;
import dev.orderplatform.k8s.testkit.WithControlPlane;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration the operator generates for a platform, run for real on this machine: the services' jars with
 * their Deployments' environment, the broker with the generated broker.conf, MariaDB initialised by the generated
 * script with the generated credentials. Then orders are placed, paid and timed out through the order API and the
 * stock audit must be consistent, and the load suite in its cluster mode (README, "Load test a platform") must pass.
 * Whatever the operator gets wrong for the services fails here, not on a user's cluster.
 *
 * <p>It needs the ports the configuration names free on 127.0.0.1 (3306, 9876, 10909, 10911, 10912, 8080-8082,
 * 9091-9092)
 * and takes about 4 minutes, half of it the load suite's own Maven build. Logs: {@code target/conformance/logs}.
 */
@WithControlPlane
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedConfigurationConformanceIT {

    private static final Duration ORDER_TIMEOUT = Duration.ofSeconds(20);
    /** What a user applies: crds/examples/minimal.yaml with a short order timeout, so that orders time out here. */
    private static final String PLATFORM = """
      apiVersion: orderplatform.dev/v1alpha1
      kind: OrderPlatform
      metadata:
        name: shop
        namespace: shop
      spec:
        orderTimeout: 20s
      """;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static GeneratedPlatform platform;
    private static GeneratedPlatformRunner runner;
    private static JwtTokens tokens;

    @BeforeAll
    static void runTheGeneratedConfiguration(ControlPlane cluster) {
        OrderPlatform resource = Serialization.unmarshal(PLATFORM, OrderPlatform.class);
        platform = GeneratedPlatform.of(ApiServerPlatform.objects(cluster, repositoryRoot(), resource));
        runner = GeneratedPlatformRunner.start(
                platform,
                GeneratedPlatformRunner.Paths.fromSystemProperties(),
                line -> System.out.println("[conformance] " + line));
        // README: kubectl -n shop get secret shop-jwt -o jsonpath='{.data.secret}' | base64 -d
        tokens = new JwtTokens(jwtSecret().getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopEverything() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    @Order(1)
    void ordersArePlacedPaidAndTimedOutWithAConsistentStockAudit() {
        String admin = tokens.issue("conformance-admin", List.of(Roles.ADMIN), Duration.ofHours(1));
        long goodsId = call(
                        "POST",
                        url("goods", "/api/v1/goods"),
                        admin,
                        Map.of(
                                "name",
                                "Conformance kettle",
                                "price",
                                "42.00",
                                "imageUrl",
                                "https://img.example/kettle.png",
                                "onSale",
                                true),
                        201)
                .get("id")
                .asLong();
        int initialStock = 10;
        call("PUT", url("inventory", "/api/v1/stocks/" + goodsId), admin, Map.of("stock", initialStock), 200);

        String payer = tokens.issue("conformance-payer", List.of(Roles.USER), Duration.ofHours(1));
        String paid = placeOrder(payer, goodsId, 2);
        assertThat(call("POST", url("order", "/api/v1/orders/" + paid + "/pay"), payer, null, 200)
                        .get("status")
                        .asString())
                .isEqualTo("TRADE_SUCCESS");

        String abandoner = tokens.issue("conformance-abandoner", List.of(Roles.USER), Duration.ofHours(1));
        String abandoned = placeOrder(abandoner, goodsId, 3);
        assertThat(stock(admin, goodsId)).isEqualTo(initialStock - 2 - 3);

        JsonNode closed = await("order " + abandoned + " closed by its timeout of " + ORDER_TIMEOUT)
                .atMost(ORDER_TIMEOUT.plusSeconds(40))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> call("GET", url("order", "/api/v1/orders/" + abandoned), abandoner, null, 200),
                        order -> order.get("status").asString().equals("TRADE_CLOSED"));
        Duration waited = Duration.between(
                Instant.parse(closed.get("createdAt").asString()),
                Instant.parse(closed.get("closedAt").asString()));
        assertThat(waited).as("the generated order timeout").isBetween(ORDER_TIMEOUT, ORDER_TIMEOUT.plusSeconds(15));
        await("the abandoned order's stock returned")
                .atMost(Duration.ofSeconds(30))
                .until(() -> stock(admin, goodsId) == initialStock - 2);
        assertThat(call("GET", url("order", "/api/v1/orders/" + paid), payer, null, 200)
                        .get("status")
                        .asString())
                .isEqualTo("TRADE_SUCCESS");

        JsonNode audit = call(
                "POST",
                url("order", "/api/v1/audit"),
                admin,
                Map.of("initialStock", Map.of(String.valueOf(goodsId), initialStock), "goodsIds", List.of(goodsId)),
                200);
        assertThat(audit.get("violations")).as(audit.toString()).isEmpty();
        assertThat(audit.get("consistent").asBoolean()).as(audit.toString()).isTrue();
        JsonNode wholeAudit = call("GET", url("order", "/api/v1/audit"), admin, null, 200);
        assertThat(wholeAudit.get("consistent").asBoolean())
                .as(wholeAudit.toString())
                .isTrue();
    }

    @Test
    @Order(2)
    void theLoadSuiteInClusterModePasses() {
        Path repositoryRoot = repositoryRoot();
        // loadtest/README.md's CI settings (25 s of load at 5 users/s) keep the run to a few minutes.
        var outcome = ClusterModeLoadSuite.run(
                repositoryRoot,
                runner.httpUrl("order"),
                runner.httpUrl("goods"),
                runner.httpUrl("inventory"),
                ORDER_TIMEOUT,
                jwtSecret(),
                List.of("-Dloadtest.run=ci"),
                runner.logDir().resolve("loadtest.log"));
        System.out.printf(
                "[conformance] load suite: exit %d, %s, in %d s; output in %s%n",
                outcome.exitCode(),
                outcome.verdict().orElse("no verdict"),
                outcome.took().toSeconds(),
                outcome.log());
        assertThat(outcome.verdict())
                .as("verdict line in " + outcome.log())
                .hasValueSatisfying(verdict -> assertThat(verdict).startsWith("VERDICT: PASSED"));
        assertThat(outcome.exitCode())
                .as("exit code of the load suite, output in " + outcome.log())
                .isZero();
    }

    private static String jwtSecret() {
        return platform.secretValue("shop-jwt", "secret");
    }

    private static String placeOrder(String user, long goodsId, int quantity) {
        call("POST", url("order", "/api/v1/cart/items"), user, Map.of("goodsId", goodsId, "quantity", quantity), 201);
        JsonNode order = call(
                "POST",
                url("order", "/api/v1/orders"),
                user,
                Map.of("address", "1 Main St", "name", "Conformance", "mobile", "13800000000"),
                201);
        assertThat(order.get("status").asString()).isEqualTo("WAIT_BUYER_PAY");
        return order.get("orderSn").asString();
    }

    private static int stock(String admin, long goodsId) {
        return call("GET", url("inventory", "/api/v1/stocks/" + goodsId), admin, null, 200)
                .get("stock")
                .asInt();
    }

    private static URI url(String service, String path) {
        return runner.httpUrl(service).resolve(path);
    }

    private static JsonNode call(String method, URI url, String token, Object body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(method + " " + url + ": " + response.body())
                    .isEqualTo(expectedStatus);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + method + " " + url, e);
        }
    }

    private static Path repositoryRoot() {
        return Path.of(System.getProperty("conformance.repoRoot"))
                .toAbsolutePath()
                .normalize();
    }
}
