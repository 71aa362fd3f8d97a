package dev.orderplatform.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * Benchmark mode (not in CI): fixed arrival rates one after the other ({@code -Drates=25,50,100,200,500,1000}, each
 * {@code -DstepSeconds=20}), every user one cart line and one order (no payment, a long order timeout, so that timeouts
 * do not add background work). For each rate it records create-order p50/p99 and the orders/s actually created; the
 * highest rate whose p99 stays under {@code -Dp99TargetMs=100} is the headline. When a step collapses (p99 over
 * {@code -DcollapseMs=5000} or more than a fifth of the orders failing) the remaining steps are skipped.
 *
 * <p>{@code -DprotocolMode=reliable|baseline|producer-per-request} is passed to the local order service as
 * {@value LoadSettings#PROTOCOL_MODE_PROPERTY}. Raw figures go to {@code results/benchmark-<mode>.json}; the
 * comparison table {@code results/BENCHMARK.md} is rebuilt from every raw file present.
 */
public class OrderBenchmarkSimulation extends Simulation {

    private static final String ORDER_BODY =
            "{\"address\":\"1 Benchmark Road\",\"name\":\"Bench Mark\",\"mobile\":\"13800000000\"}";
    private static final int GAP_SECONDS = 3;

    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private final List<Double> rates = LoadSettings.numbers("rates", "25,50,100,200,500,1000");
    private final int stepSeconds = (int) LoadSettings.number("stepSeconds", 20);
    private final int p99TargetMs = (int) LoadSettings.number("p99TargetMs", 100);
    private final int collapseMs = (int) LoadSettings.number("collapseMs", 5000);
    private final Instant startedAt = Instant.now();
    private final String runId = "bench-" + settings.protocolMode() + "-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC)
                    .format(startedAt);
    private final List<Step> steps = new ArrayList<>();
    private final AtomicLong users = new AtomicLong();
    private volatile long injectionStartMillis;
    private volatile boolean collapsed;
    private volatile PlatformUnderTest platform;
    private volatile Catalogue catalogue;
    private volatile String loadAtStart;

    /** The figures of one arrival rate. */
    static final class Step {
        final double rate;
        final AtomicLong arrivals = new AtomicLong();
        final AtomicLong created = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final List<Integer> createMillis = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong lastCompletionMillis = new AtomicLong();
        volatile boolean evaluated;

        Step(double rate) {
            this.rate = rate;
        }

        int percentile(double p) {
            List<Integer> sorted;
            synchronized (createMillis) {
                sorted = createMillis.stream().sorted().toList();
            }
            return sorted.isEmpty() ? -1 : sorted.get((int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        }
    }

    {
        for (double rate : rates) {
            steps.add(new Step(rate));
        }
        ScenarioBuilder benchmark = scenario("benchmark")
                .feed(Stream.generate(this::user).iterator())
                .exec(this::arrive)
                .exitHereIf(session -> session.getBoolean("skip"))
                .exec(http("add to cart")
                        .post(session -> platform.orderUrl() + "/api/v1/cart/items")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("#{item}"))
                        .requestTimeout(Duration.ofSeconds(30))
                        .check(status().in(200, 201)))
                .exitHereIfFailed()
                .exec(http("create order")
                        .post(session -> platform.orderUrl() + "/api/v1/orders")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody(ORDER_BODY))
                        .requestTimeout(Duration.ofSeconds(30))
                        .check(
                                status().is(201),
                                jmesPath("orderSn").exists(),
                                responseTimeInMillis().saveAs("createMillis")))
                .exec(this::recordCreate);

        List<OpenInjectionStep> injection = new ArrayList<>();
        for (double rate : rates) {
            injection.add(constantUsersPerSec(rate).during(Duration.ofSeconds(stepSeconds)));
            injection.add(nothingFor(Duration.ofSeconds(GAP_SECONDS)));
        }
        setUp(benchmark.injectOpen(injection))
                .protocols(http.shareConnections()
                        .contentTypeHeader("application/json")
                        .acceptHeader("application/json"));
    }

    @Override
    public void before() {
        loadAtStart = loadAverage();
        System.out.println("[benchmark] mode " + settings.protocolMode() + ", rates " + rates + " x " + stepSeconds
                + " s; load average " + loadAtStart);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "benchmark-platform-stop"));
        try {
            platform = PlatformUnderTest.connect(settings);
            PlatformApi api = new PlatformApi(platform);
            catalogue = Catalogue.create(api, settings, runId);
            WarmUp.run(platform, api, catalogue, runId, Math.max(settings.warmupOrders(), 3000));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        injectionStartMillis = System.currentTimeMillis();
    }

    @Override
    public void after() {
        try {
            for (int i = 0; i < steps.size(); i++) {
                evaluate(i);
            }
            AuditResult audit = AuditResult.of(new PlatformApi(platform).audit(catalogue.initialStock()));
            write(audit);
        } finally {
            stop();
        }
    }

    private Map<String, Object> user() {
        String userId = "lt-" + runId + "-" + users.incrementAndGet();
        List<Long> goods = catalogue.ampleGoods();
        long goodsId = goods.get(ThreadLocalRandom.current().nextInt(goods.size()));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("token", platform.userToken(userId));
        user.put("item", "{\"goodsId\":" + goodsId + ",\"quantity\":1,\"selected\":true}");
        return user;
    }

    private Session arrive(Session session) {
        int index = stepIndex(System.currentTimeMillis());
        // Evaluate finished steps as the run goes, to stop before a collapse drags on.
        for (int i = 0; i < index; i++) {
            evaluate(i);
        }
        Step step = steps.get(index);
        step.arrivals.incrementAndGet();
        if (collapsed) {
            step.skipped.incrementAndGet();
        }
        return session.set("step", index).set("skip", collapsed);
    }

    private Session recordCreate(Session session) {
        Step step = steps.get(session.getInt("step"));
        if (!session.isFailed() && session.contains("createMillis")) {
            step.created.incrementAndGet();
            step.lastCompletionMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
            step.createMillis.add(session.getInt("createMillis"));
        } else {
            step.failed.incrementAndGet();
        }
        return session;
    }

    private int stepIndex(long now) {
        long offset = Math.max(0, now - injectionStartMillis);
        int index = (int) (offset / ((stepSeconds + GAP_SECONDS) * 1000L));
        return Math.min(index, steps.size() - 1);
    }

    private synchronized void evaluate(int index) {
        Step step = steps.get(index);
        if (step.evaluated) {
            return;
        }
        step.evaluated = true;
        long attempted = step.created.get() + step.failed.get();
        int p50 = step.percentile(50);
        int p99 = step.percentile(99);
        System.out.printf(
                Locale.ROOT,
                "[benchmark] %s: %.0f/s offered -> %.1f orders/s created, p50 %d ms, p99 %d ms, " + "%d failed%s%n",
                settings.protocolMode(),
                step.rate,
                step.created.get() / (double) stepSeconds,
                p50,
                p99,
                step.failed.get(),
                step.skipped.get() > 0 ? ", skipped " + step.skipped.get() : "");
        if (!collapsed && attempted > 0 && (p99 > collapseMs || step.failed.get() * 5 > attempted)) {
            collapsed = true;
            System.out.println("[benchmark] the platform collapsed at " + step.rate + "/s: skipping the higher rates");
        }
    }

    private void write(AuditResult audit) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("run", runId);
        raw.put("mode", settings.protocolMode());
        raw.put("startedAt", startedAt.toString());
        raw.put("machine", machine());
        raw.put("loadAverageAtStart", loadAtStart);
        raw.put("loadAverageAtEnd", loadAverage());
        raw.put("stepSeconds", stepSeconds);
        raw.put("p99TargetMs", p99TargetMs);
        List<Map<String, Object>> rows = new ArrayList<>();
        Double best = null;
        for (Step step : steps) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("offeredPerSecond", step.rate);
            // Throughput: orders of this step's users over the time until the last of them was created (a
            // saturated platform finishes a step's orders long after the step).
            int index = steps.indexOf(step);
            long stepStart = injectionStartMillis + (long) index * (stepSeconds + GAP_SECONDS) * 1000L;
            double seconds = Math.max(stepSeconds, (step.lastCompletionMillis.get() - stepStart) / 1000.0);
            row.put("createdPerSecond", Math.round(step.created.get() * 10.0 / seconds) / 10.0);
            row.put("arrivals", step.arrivals.get());
            row.put("created", step.created.get());
            row.put("failed", step.failed.get());
            row.put("skipped", step.skipped.get());
            row.put("p50Ms", step.percentile(50));
            row.put("p99Ms", step.percentile(99));
            rows.add(row);
            boolean kept = step.skipped.get() == 0
                    && step.created.get() > 0
                    && step.percentile(99) < p99TargetMs
                    && step.failed.get() == 0
                    && step.created.get() >= 0.9 * step.rate * stepSeconds;
            if (kept) {
                best = step.rate;
            }
        }
        raw.put("steps", rows);
        raw.put("highestRateWithP99UnderTarget", best);
        raw.put("auditConsistent", audit.consistent());
        raw.put("audit", audit.summary());
        try {
            Files.createDirectories(settings.resultsDir());
            Path file = settings.resultsDir().resolve("benchmark-" + settings.protocolMode() + ".json");
            Files.writeString(
                    file,
                    PlatformApi.JSON
                            .rebuild()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .build()
                            .writeValueAsString(raw));
            Path table = settings.resultsDir().resolve("BENCHMARK.md");
            Files.writeString(table, markdown(settings.resultsDir()));
            System.out.println("[benchmark] raw figures: " + file + "; table: " + table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The comparison table over every benchmark-*.json present. */
    static String markdown(Path resultsDir) throws IOException {
        Map<String, JsonNode> byMode = new TreeMap<>();
        try (Stream<Path> files = Files.list(resultsDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("benchmark-.*\\.json"))
                    .toList()) {
                JsonNode node = PlatformApi.JSON.readTree(file.toFile());
                byMode.put(node.path("mode").asString(), node);
            }
        }
        StringBuilder md = new StringBuilder("# Order creation benchmark\n\n");
        md.append("Generated by `OrderBenchmarkSimulation` (`./mvnw -B -Pmain-job,benchmark verify`); raw figures in "
                + "`benchmark-<mode>.json`. Each user: one cart line, one order (create-order latency measured by "
                + "Gatling). created/s: the step's orders over the time until the last of them was created. Everything "
                + "co-located on one machine: load generator, three services, broker, database.\n\n");
        for (JsonNode node : byMode.values()) {
            md.append("## Mode `")
                    .append(node.path("mode").asString())
                    .append("` (run ")
                    .append(node.path("run").asString())
                    .append(")\n\n");
            md.append("Machine: ")
                    .append(node.path("machine").asString())
                    .append("; load average at start ")
                    .append(node.path("loadAverageAtStart").asString())
                    .append(", at end ")
                    .append(node.path("loadAverageAtEnd").asString())
                    .append(".\n\n");
            md.append("Highest offered rate with create-order p99 < ")
                    .append(node.path("p99TargetMs").asInt())
                    .append(" ms, all orders created: **")
                    .append(
                            node.path("highestRateWithP99UnderTarget").isNull()
                                    ? "none of the rates tried"
                                    : node.path("highestRateWithP99UnderTarget").asDouble() + " orders/s")
                    .append("**. Audit after the run: ")
                    .append(node.path("audit").asString())
                    .append(".\n\n");
            md.append("| offered/s | created/s | p50 ms | p99 ms | failed | skipped |\n|---|---|---|---|---|---|\n");
            for (JsonNode step : node.path("steps")) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %.0f | %.1f | %d | %d | %d | %d |%n",
                        step.path("offeredPerSecond").asDouble(),
                        step.path("createdPerSecond").asDouble(),
                        step.path("p50Ms").asInt(),
                        step.path("p99Ms").asInt(),
                        step.path("failed").asLong(),
                        step.path("skipped").asLong()));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(cpu);
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + (((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getTotalMemorySize()
                        >> 30)
                + " GiB, Java " + Runtime.version();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private synchronized void stop() {
        if (platform != null) {
            platform.close();
        }
    }
}
