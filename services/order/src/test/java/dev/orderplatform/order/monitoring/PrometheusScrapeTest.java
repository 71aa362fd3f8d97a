package dev.orderplatform.order.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.contracts.messaging.v1.OrderTimeoutDue;
import dev.orderplatform.k8s.testkit.PrometheusBinaries;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.support.BrokerMessages;
import dev.orderplatform.order.support.Gate;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (built by k8s-testkit/build-binaries.sh) scrapes the three services of a local platform every
 * second with the repository's alerting rules loaded: it sees the invariant gauges with the values the services
 * export, it loaded every rule, and every metric the Grafana dashboard queries is one it really stores.
 */
class PrometheusScrapeTest extends MonitoringTest {

    /** Surefire runs in the module's directory, services/order. */
    static final Path RULES = Path.of("../../monitoring/prometheus/orderplatform-rules.yaml");

    static final Path DASHBOARD = Path.of("../../helm/orderplatform-operator/dashboards/orderplatform.json");

    private static PrometheusServer prometheus;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void prometheusScrapesThePlatform() throws Exception {
        PrometheusBinaries binaries = PrometheusBinaries.find().orElse(null);
        // Skips (one line saying how to get them) only without prometheus and without Go; CI builds them first.
        assumeTrue(binaries != null, PrometheusBinaries::missingReason);
        if (prometheus == null) {
            produceEveryMetric();
            prometheus = PrometheusServer.start(
                    binaries,
                    Map.of(
                            "order", port,
                            "goods", platform.goodsHttpPort(),
                            "inventory", platform.inventoryHttpPort()),
                    RULES);
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(prometheus.query("up == 1"))
                        .as("scrape targets up")
                        .hasSize(3));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
            prometheus = null;
        }
    }

    @Test
    void prometheusSeesTheInvariantGaugesWithTheValuesTheServicesExport() {
        for (String kind : InvariantMetrics.AUDITED_KINDS) {
            String series = "orderplatform_invariant_violations{job=\"order\",kind=\"" + kind + "\"}";
            double exported = orderMetric("orderplatform_invariant_violations", "kind=\"" + kind + "\"");
            await().atMost(WAIT)
                    .untilAsserted(() ->
                            assertThat(prometheus.value(series)).as(series).isEqualTo(exported));
        }
        assertSeen("orderplatform_invariant_violations", "kind=\"DEDUCTED_WITHOUT_ORDER\"", 1);
        assertSeen("orderplatform_invariant_in_doubt_orders", "", 1);
        assertSeen("orderplatform_dead_letter_messages", "group=\"order-timeout\"", 0);
        assertSeen("orderplatform_dead_letter_messages", "group=\"inventory-reback\"", 0);
        double parked = platform.inventoryMetric("inventory_parked_messages_stored");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(prometheus.value("inventory_parked_messages_stored{job=\"inventory\"}"))
                        .isEqualTo(parked));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                prometheus.value("orderplatform_orders_timeout_lateness_seconds_count{job=\"order\"}"))
                        .isPositive());
    }

    @Test
    void prometheusLoadedEveryAlertingRuleOfTheRepository() throws IOException {
        List<String> inFile = new ArrayList<>();
        Matcher alert = Pattern.compile("(?m)^\\s*- alert: (\\S+)").matcher(Files.readString(RULES));
        while (alert.find()) {
            inFile.add(alert.group(1));
        }
        assertThat(inFile).hasSizeGreaterThanOrEqualTo(7);

        await().atMost(WAIT).untilAsserted(() -> {
            List<String> loaded = new ArrayList<>();
            for (JsonNode group : prometheus.ruleGroups()) {
                for (JsonNode rule : group.get("rules")) {
                    assertThat(rule.get("health").asString())
                            .as("health of %s: %s", rule.get("name").asString(), rule.get("lastError"))
                            .isEqualTo("ok");
                    loaded.add(rule.get("name").asString());
                }
            }
            assertThat(loaded).containsExactlyInAnyOrderElementsOf(inFile);
        });
    }

    @Test
    void everyMetricTheDashboardQueriesIsOneThePlatformExports() throws IOException {
        Set<String> queried = new TreeSet<>();
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queried.addAll(metricNames(target.get("expr").asString()));
            }
        }
        assertThat(queried).contains("orderplatform_invariant_violations", "orderplatform_dead_letter_messages");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(prometheus.metricNames()).containsAll(queried));
    }

    /** The metric names of a PromQL expression: identifiers that are neither functions nor labels. */
    static Set<String> metricNames(String promql) {
        String bare = promql.replaceAll("\"[^\"]*\"", "\"\"") // strings
                .replaceAll("\\{[^}]*}", "") // label matchers
                .replaceAll("\\[[^]]*]", "") // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", ""); // label lists
        Set<String> names = new TreeSet<>();
        Matcher identifier =
                Pattern.compile("(?<![\\w$.])([a-zA-Z_:][\\w:]*)\\b(?!\\s*\\()").matcher(bare);
        while (identifier.find()) {
            names.add(identifier.group(1));
        }
        return names;
    }

    /** Prometheus stores the order service's {@code name{fragment}} with the value the service exports now. */
    private void assertSeen(String name, String fragment, double atLeast) {
        double exported = orderMetric(name, fragment);
        assertThat(exported).as("%s{%s} exported", name, fragment).isGreaterThanOrEqualTo(atLeast);
        String series = name + "{job=\"order\"" + (fragment.isEmpty() ? "" : "," + fragment) + "}";
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(prometheus.value(series)).as(series).isEqualTo(exported));
    }

    /**
     * What the dashboard charts, really happening once: an order paid; a creation whose half message the broker
     * checks back while the creation hangs after its deduction (the check-back returns the stock, the creation then
     * fails); an order closed by its timer message after its deadline; a deduction without an order, and a refresh
     * of the invariant gauges.
     */
    private void produceEveryMetric() throws Exception {
        long goods = platform.newGoods("3.00", 20);
        OrderApi api = api();
        String payer = tokenOf(Platform.freshUser());
        String paid = api.order(payer, Map.of(goods, 1)).text("orderSn");
        assertThat(api.post(payer, "/api/v1/orders/" + paid + "/pay", null).status())
                .isEqualTo(200);

        String user = Platform.freshUser();
        Gate afterSell = hooks.blockAfterSell(user);
        CompletableFuture<OrderApi.Response> hanging =
                CompletableFuture.supplyAsync(() -> api.order(tokenOf(user), Map.of(goods, 2)));
        afterSell.awaitReached(Duration.ofSeconds(20));
        await().atMost(WAIT).until(() -> orderMetric("orderplatform_checkbacks_total", "kind=\"CREATE\"") > 0);
        afterSell.release();
        assertThat(hanging.get(30, TimeUnit.SECONDS).status())
                .as("fenced out by the check-back")
                .isNotEqualTo(201);

        String late = api.order(tokenOf(Platform.freshUser()), Map.of(goods, 1)).text("orderSn");
        jdbc.sql("UPDATE orders SET pay_deadline = ? WHERE order_sn = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(2))), late)
                .update();
        try (BrokerMessages broker = BrokerMessages.open()) {
            broker.send(
                    Topics.ORDER_TIMEOUT,
                    late,
                    OrderTimeoutDue.newBuilder().setOrderSn(late).build().toByteArray());
        }
        await().atMost(WAIT).until(() -> statusOf(late) == OrderStatus.TRADE_CLOSED);

        platform.sell(Platform.freshOrderSn(), goods, 1);
        invariantMetrics.refresh();
    }
}
