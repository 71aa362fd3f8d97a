package dev.orderplatform.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The standard simulation: many distinct users fill a cart with 1-3 goods, create an order, then pay it (most) or
 * abandon it to the timeout; hot goods sell out, so some orders are refused with 409 INSUFFICIENT_STOCK (an expected
 * outcome). After the load a verdict scenario waits for the timeouts and the stock returns to settle and runs the
 * stock audit with the initial stock: any violation fails the run (the "stock audit" request fails its check, and an
 * assertion on it fails the build). The verdict is printed and written as JSON next to the report.
 *
 * <p>Target: an external platform ({@code -DbaseUrl -DgoodsUrl -DinventoryUrl -DjwtSecret}) or, by default, a local
 * platform started in {@link #before()} and stopped in {@link #after()}. All settings: {@link LoadSettings}.
 */
public class OrderPlacementSimulation extends Simulation {

    static final String SIMULATION_ID = "orderplacementsimulation";
    private static final String ORDER_BODY =
            "{\"address\":\"1 Load Test Road, Springfield\",\"name\":\"Load Tester\",\"mobile\":\"13800000000\"}";

    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private final Instant startedAt = Instant.now();
    private final String runId = settings.run() + "-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC)
                    .format(startedAt);
    private final Ledger ledger = new Ledger();
    private final AtomicLong users = new AtomicLong();

    private volatile PlatformUnderTest platform;
    private volatile PlatformApi api;
    private volatile Catalogue catalogue;
    private volatile Settler settler;
    private volatile Chaos chaos;
    private volatile Verdict verdict;
    private volatile AuditResult finalAudit;

    {
        HttpProtocolBuilder protocol = http.acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .shareConnections();

        ScenarioBuilder orders = scenario("order placement")
                .feed(users())
                .foreach("#{cart}", "item")
                .on(exec(authorized(http("add to cart").post(session -> url("/api/v1/cart/items")))
                        .body(StringBody("#{item}"))
                        .check(status().in(200, 201))))
                .exitHereIfFailed()
                .exec(session -> {
                    ledger.createAttempted();
                    return session;
                })
                .exec(authorized(http("create order").post(session -> url("/api/v1/orders")))
                        .body(StringBody(ORDER_BODY))
                        .check(
                                status().in(201, 409).saveAs("createStatus"),
                                jmesPath("orderSn").optional().saveAs("orderSn"))
                        // 409 is expected only for insufficient stock; any other conflict is an error.
                        .checkIf((response, session) -> response.status().code() == 409)
                        .then(jmesPath("code").is("INSUFFICIENT_STOCK")))
                .exec(this::recordCreate)
                .doIf(session -> created(session) && "PAY".equals(session.getString("intent")))
                .then(exec(pauseBeforePaying())
                        .exec(authorized(http("pay")
                                        .post(session ->
                                                url("/api/v1/orders/" + session.getString("orderSn") + "/pay")))
                                .check(status().in(200, 409).saveAs("payStatus"))
                                // A7: the timeout may win the race; then the order is closed, never both.
                                // Past its deadline it is refused even before the close lands.
                                .checkIf(
                                        (response, session) -> response.status().code() == 409)
                                .then(jmesPath("code").in("ORDER_CLOSED", "ORDER_PAYMENT_DEADLINE_PASSED")))
                        .exec(this::recordPay));

        ScenarioBuilder verdictScenario = scenario("verdict")
                .asLongAs(session -> !settler.done())
                .on(exec(session -> {
                            settler.poll();
                            return session;
                        })
                        .pause(Duration.ofSeconds(2)))
                .exec(session -> {
                    injectViolationIfAsked();
                    return session;
                })
                .exec(http("stock audit")
                        .post(session -> url(AuditResult.PATH))
                        .header("Authorization", session -> "Bearer " + platform.adminToken())
                        .body(StringBody(session ->
                                PlatformApi.JSON.writeValueAsString(AuditResult.request(catalogue.initialStock()))))
                        .requestTimeout(Duration.ofSeconds(120))
                        .check(
                                status().is(200),
                                bodyString().transform(this::judge).is(0).name("stock verdict: problems found")));

        double rate = settings.rate();
        setUp(orders.injectOpen(
                                rampUsersPerSec(Math.min(1.0, rate))
                                        .to(rate)
                                        .during(Duration.ofSeconds(settings.rampSeconds())),
                                constantUsersPerSec(rate).during(Duration.ofSeconds(settings.plateauSeconds())))
                        .andThen(verdictScenario.injectOpen(atOnceUsers(1))))
                .protocols(protocol)
                .assertions(assertions());
    }

    @Override
    public void before() {
        System.out.println("[loadtest] " + settings.describe());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopPlatform, "loadtest-platform-stop"));
        try {
            platform = PlatformUnderTest.connect(settings);
            api = new PlatformApi(platform);
            catalogue = Catalogue.create(api, settings, runId);
            System.out.println("[loadtest] run " + runId + ": goods and initial stock " + catalogue.initialStock());
            WarmUp.run(platform, api, catalogue.ampleGoods(), runId, settings.warmupOrders());
            if (settings.chaos()) {
                chaos = new Chaos(platform, settings);
            }
            settler = new Settler(settings, api, ledger, catalogue, chaos);
            if (chaos != null) {
                chaos.start();
            }
        } catch (RuntimeException e) {
            stopPlatform();
            throw e;
        }
    }

    @Override
    public void after() {
        try {
            if (chaos != null) {
                chaos.awaitFinished(Duration.ofMinutes(5));
            }
            if (verdict == null && settler != null) {
                verdict = new Verdict(
                        runId,
                        SIMULATION_ID,
                        settings,
                        platform,
                        ledger,
                        settler,
                        finalAudit != null ? finalAudit : settler.lastAudit(),
                        chaos,
                        startedAt);
            }
            if (verdict != null) {
                Optional<java.nio.file.Path> reportDir =
                        Verdict.findReportDir(settings.gatlingDir(), SIMULATION_ID, startedAt);
                verdict.print(reportDir);
                verdict.write(reportDir, settings.resultsDir());
            }
        } finally {
            stopPlatform();
        }
    }

    /**
     * Self-test of the verdict ({@code -Dloadtest.injectViolation=true}): gives one goods a unit of stock it never
     * had, as a return applied twice would, right before the final audit - which must then fail the run.
     */
    private void injectViolationIfAsked() {
        if (Boolean.getBoolean("loadtest.injectViolation")) {
            long goodsId = catalogue.initialStock().keySet().iterator().next();
            int stock = api.stock(goodsId);
            api.setStock(goodsId, stock + 1);
            System.out.println("[verdict] self-test: stock of goods " + goodsId + " raised from " + stock + " to "
                    + (stock + 1) + " behind the platform's back; the audit must report it");
        }
    }

    /** The verdict check: records the final audit and returns the number of problems (zero passes). */
    private int judge(String auditBody) {
        finalAudit = AuditResult.of(new PlatformApi.Answer(200, PlatformApi.JSON.readTree(auditBody), auditBody));
        verdict = new Verdict(runId, SIMULATION_ID, settings, platform, ledger, settler, finalAudit, chaos, startedAt);
        return verdict.problemCount();
    }

    private static boolean created(Session session) {
        return session.contains("createStatus") && session.getInt("createStatus") == 201 && session.contains("orderSn");
    }

    private Session recordCreate(Session session) {
        if (!session.contains("createStatus")) {
            ledger.createFailed.increment();
        } else if (created(session)) {
            ledger.created(
                    session.getString("orderSn"),
                    session.getString("token"),
                    "PAY".equals(session.getString("intent")) ? Ledger.Intent.PAY : Ledger.Intent.ABANDON);
        } else if (session.getInt("createStatus") == 409) {
            ledger.refusedForStock.increment();
        } else {
            ledger.createFailed.increment();
        }
        return session;
    }

    private Session recordPay(Session session) {
        String orderSn = session.getString("orderSn");
        if (!session.contains("payStatus")) {
            ledger.payFailed.increment();
        } else if (session.getInt("payStatus") == 200) {
            ledger.paid(orderSn);
        } else {
            ledger.payLostToTimeout(orderSn);
        }
        return session;
    }

    private ChainBuilder pauseBeforePaying() {
        return settings.thinkMillis() > 0
                ? exec(session -> session).pause(Duration.ZERO, Duration.ofMillis(settings.thinkMillis()))
                : exec(session -> session);
    }

    private HttpRequestActionBuilder authorized(HttpRequestActionBuilder request) {
        return request.header("Authorization", "Bearer #{token}");
    }

    private String url(String path) {
        return platform.orderUrl() + path;
    }

    /** One virtual user per record: a distinct user id (the JWT subject), a cart, and whether it will pay. */
    private Iterator<Map<String, Object>> users() {
        return Stream.generate(() -> {
                    String userId = "lt-" + runId + "-" + users.incrementAndGet();
                    List<String> cart = new ArrayList<>();
                    for (Catalogue.CartLine line : catalogue.randomCart()) {
                        cart.add("{\"goodsId\":" + line.goodsId() + ",\"quantity\":" + line.quantity()
                                + ",\"selected\":true}");
                    }
                    Map<String, Object> user = new LinkedHashMap<>();
                    user.put("userId", userId);
                    user.put("token", platform.userToken(userId));
                    user.put("cart", cart);
                    user.put(
                            "intent",
                            ThreadLocalRandom.current().nextInt(100) < settings.payPercent() ? "PAY" : "ABANDON");
                    return user;
                })
                .iterator();
    }

    private List<Assertion> assertions() {
        List<Assertion> assertions = new ArrayList<>();
        List<String> requests = new ArrayList<>(List.of("add to cart", "create order"));
        if (settings.payPercent() > 0) {
            requests.add("pay");
        }
        for (String request : requests) {
            assertions.add(details(request).responseTime().percentile(95.0).lt(settings.p95Ms()));
            assertions.add(details(request).responseTime().percentile(99.0).lt(settings.p99Ms()));
        }
        assertions.add(global().failedRequests().percent().lte(settings.maxErrorPercent()));
        // The verdict: exactly one audit, and it found nothing.
        assertions.add(details("stock audit").successfulRequests().count().is(1L));
        return assertions;
    }

    private synchronized void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }
}
