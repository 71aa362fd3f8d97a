package dev.orderplatform.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Benchmark mode (not in CI): the protocol modes interleaved in one run, {@code -Drounds} times each
 * ({@code -Dmodes=reliable,baseline}: R1 reliable, R1 baseline, R2 reliable, R2 baseline, ...), each phase on a fresh
 * local platform started only once the previous one's processes have exited, its ports are free and the machine is
 * quiet, then warmed up until its JIT compiler threads have settled ({@link WarmUp#untilSettled}), then left idle for
 * {@code -DidleSeconds} to measure its CPU without traffic. Each user: one cart line and one order (unpaid, long order
 * timeout: no timeout work competes).
 *
 * <p>A phase: a steady step ({@code -DsteadyRate} for {@code -DsteadySeconds}: latency at a fixed rate, the CPU per
 * order of every process, and in the last round the flame graphs), then the rate ladder ({@code -Drates}, each
 * {@code -DstepSeconds}, with the CPU per order of every process in each step: on a half-idle machine it is mostly
 * wake-ups and cold caches, under load what an order costs). Throughput is orders completed within a step's window per
 * second; the headline per phase is the highest rate sustained (see {@link BenchmarkPhase.Step#sustained}, p99 bound
 * {@code -Dp99BoundMs}). After each phase the stock audit runs as the Gatling request "stock audit" (after the
 * returns of failed orders have settled); a violation fails that request and the assertion on it fails the build.
 *
 * <p>Results: {@code results/benchmark.json}, {@code results/BENCHMARK.md} (with pair-by-pair ratios to
 * {@code -DreferenceMode}) and {@code results/profiles/*.html}.
 */
public class OrderBenchmarkSimulation extends Simulation {

    private static final String ORDER_BODY =
            "{\"address\":\"1 Benchmark Road\",\"name\":\"Bench Mark\",\"mobile\":\"13800000000\"}";
    /** The order producer's RocketMQ requests by kind, from the order service's Prometheus endpoint. */
    private static final String BROKER_REQUESTS = "orderplatform_rocketmq_requests_total";

    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);

    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private final BenchmarkReport.Config config = BenchmarkReport.Config.fromSystemProperties();
    private final Instant startedAt = Instant.now();
    private final String runId = "bench-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC)
                    .format(startedAt);
    private final List<BenchmarkPhase> phases = new ArrayList<>();
    private final AtomicLong users = new AtomicLong();
    /** Platform start-up, warm-up and shut-down: blocking work, kept off Gatling's threads. */
    private final ExecutorService orchestration = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("benchmark-orchestration").daemon().factory());

    private final ScheduledExecutorService windows = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("benchmark-windows").daemon().factory());
    private final FlameGraphs flameGraphs =
            config.profile() ? FlameGraphs.prepare(settings.workDir().resolve("async-profiler")) : null;

    {
        phases.addAll(config.phases());
        HttpProtocolBuilder protocol =
                http.shareConnections().contentTypeHeader("application/json").acceptHeader("application/json");
        BenchmarkPhase last = phases.getLast();
        PopulationBuilder chain =
                scenario("final audit").exec(audit(last)).exec(stop(last)).injectOpen(atOnceUsers(1));
        for (int i = phases.size() - 1; i >= 0; i--) {
            BenchmarkPhase phase = phases.get(i);
            ChainBuilder prepare = i == 0
                    ? start(phase)
                    : audit(phases.get(i - 1)).exec(stop(phases.get(i - 1))).exec(start(phase));
            chain = scenario(phase.label() + ": platform")
                    .exec(prepare)
                    .injectOpen(atOnceUsers(1))
                    .andThen(load(phase).andThen(chain));
        }
        setUp(chain)
                .protocols(protocol)
                .assertions(details("stock audit").failedRequests().count().is(0L));
    }

    @Override
    public void before() {
        System.out.printf(
                Locale.ROOT,
                "[benchmark] %s: modes %s x %d rounds, warm-up %s, idle %d s, steady %.0f/s x %d s, ladder %s x %d s; "
                        + "%s; load average %.2f%n",
                runId,
                config.modes(),
                config.rounds(),
                config.warmUp(),
                config.idleSeconds(),
                config.steadyRate(),
                config.steadySeconds(),
                config.rates(),
                config.stepSeconds(),
                Machine.describe(),
                Machine.loadAverage());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "benchmark-platform-stop"));
    }

    @Override
    public void after() {
        try {
            phases.forEach(BenchmarkPhase::finish);
            BenchmarkReport.write(
                    settings.resultsDir(),
                    runId,
                    startedAt,
                    config,
                    phases.stream().filter(phase -> !phase.discarded()).toList());
        } finally {
            stopAll();
            orchestration.shutdownNow();
            windows.shutdownNow();
        }
    }

    /** The load of one phase: the steady step, then the ladder, each followed by a short gap. */
    private PopulationBuilder load(BenchmarkPhase phase) {
        List<OpenInjectionStep> injection = new ArrayList<>();
        for (int i = 0; i < phase.steps.size(); i++) {
            BenchmarkPhase.Step step = phase.steps.get(i);
            injection.add(constantUsersPerSec(step.rate).during(Duration.ofSeconds(step.seconds)));
            injection.add(nothingFor(Duration.ofMillis(phase.pauseAfterMillis(i))));
        }
        ChainBuilder order = exec(http("add to cart")
                        .post(session -> phase.platform.orderUrl() + "/api/v1/cart/items")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("#{item}"))
                        .requestTimeout(Duration.ofSeconds(30))
                        .check(status().in(200, 201)))
                .doIf(Session::isFailed)
                .then(exec(session -> {
                            phase.completed(session.getInt("step"), false, null, System.currentTimeMillis());
                            return session;
                        })
                        .exitHere())
                .exec(http("create order")
                        .post(session -> phase.platform.orderUrl() + "/api/v1/orders")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody(ORDER_BODY))
                        .requestTimeout(Duration.ofSeconds(30))
                        .check(
                                status().is(201),
                                jmesPath("orderSn").exists(),
                                responseTimeInMillis().saveAs("createMillis")))
                .exec(session -> {
                    boolean created = !session.isFailed() && session.contains("createMillis");
                    phase.completed(
                            session.getInt("step"),
                            created,
                            created ? session.getInt("createMillis") : null,
                            System.currentTimeMillis());
                    return session;
                });
        return scenario(phase.label() + ": load")
                .feed(Stream.generate(() -> user(phase)).iterator())
                .exec(session -> arrive(phase, session))
                .exitHereIf(session -> session.getBoolean("skip"))
                // One group per phase: Gatling's report shows each phase's requests apart.
                .group(phase.label())
                .on(order)
                .injectOpen(injection);
    }

    private Map<String, Object> user(BenchmarkPhase phase) {
        String userId = "lt-" + runId + "-" + users.incrementAndGet();
        List<Long> goods = phase.catalogue.ampleGoods();
        long goodsId = goods.get(ThreadLocalRandom.current().nextInt(goods.size()));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("token", phase.platform.userToken(userId));
        user.put("item", "{\"goodsId\":" + goodsId + ",\"quantity\":1,\"selected\":true}");
        return user;
    }

    private Session arrive(BenchmarkPhase phase, Session session) {
        long now = System.currentTimeMillis();
        if (phase.start(now)) {
            scheduleCpuWindows(phase, now);
        }
        int step = phase.arrive(now);
        return session.set("step", step).set("skip", phase.skips(phase.steps.get(step)));
    }

    /**
     * A CPU window in every step (see {@link BenchmarkPhase.Step#cpuFromMillis}) to its end: the CPU per order of each
     * process at every rate. The steady window also counts the order producer's broker requests per order, and in the
     * last round it is the flame graphs' window: the profilers are attached at the phase's start, so that attaching
     * them costs nothing inside the window, and stopped at its end (writing the graphs falls into the gap, and may reach
     * into the last round's first ladder window).
     */
    private void scheduleCpuWindows(BenchmarkPhase phase, long phaseStart) {
        boolean profile = flameGraphs != null && phase.round == config.rounds();
        Map<String, List<ProcessHandle>> roles = new LinkedHashMap<>(phase.platform.processes());
        roles.put(CpuWindow.LOAD_GENERATOR, List.of(ProcessHandle.current()));
        if (profile) {
            // On the orchestration thread (idle during the load): a slow attach must not delay the window's start.
            orchestration.execute(reported(phase.label() + " profiler start", () -> {
                Map<String, ProcessHandle> jvms = new LinkedHashMap<>();
                // The database's JVM only launches mysqld, a native process: nothing to see in its profile.
                phase.platform.processes().forEach((role, handles) -> {
                    if (!role.equals("database")) {
                        jvms.put(role, handles.getFirst());
                    }
                });
                flameGraphs.start(jvms).forEach(problem -> System.out.println("[benchmark] not profiled: " + problem));
            }));
        }
        for (BenchmarkPhase.Step step : phase.steps) {
            boolean steady = step == phase.steady();
            String window = String.format(Locale.ROOT, "%s %.0f/s CPU window", phase.label(), step.rate);
            schedule(phaseStart + step.cpuFromMillis, window + " start", () -> {
                if (phase.skips(step)) {
                    return; // the step's users are skipped: no orders to divide by
                }
                // Only the steady window scrapes the order service: a scrape costs it CPU inside the window.
                PlatformApi api = steady ? new PlatformApi(phase.platform) : null;
                Map<String, Double> requestsAtStart =
                        api == null ? Map.of() : api.orderCounters(BROKER_REQUESTS, "kind");
                CpuWindow.Start cpuAtStart = CpuWindow.Start.now(roles, phase.createdTotal.get());
                schedule(phaseStart + step.endMillis(), window + " end", () -> {
                    step.cpu = cpuAtStart.end(phase.createdTotal.get());
                    if (api != null) {
                        phase.brokerRequestsPerOrder = perOrder(
                                requestsAtStart, api.orderCounters(BROKER_REQUESTS, "kind"), step.cpu.orders());
                    }
                    if (steady && profile) {
                        // Writing the graphs takes a while: not on this thread, where the ladder's windows wait.
                        orchestration.execute(reported(
                                phase.label() + " profiler stop",
                                () -> phase.flameGraphs =
                                        flameGraphs.stop(settings.resultsDir().resolve("profiles"), phase.slug())));
                    }
                });
            });
        }
    }

    /** Each counter's increase from {@code atStart} to {@code atEnd}, per order. */
    private static Map<String, Double> perOrder(Map<String, Double> atStart, Map<String, Double> atEnd, long orders) {
        Map<String, Double> perOrder = new LinkedHashMap<>();
        atEnd.forEach(
                (kind, count) -> perOrder.put(kind, (count - atStart.getOrDefault(kind, 0.0)) / Math.max(1, orders)));
        return perOrder;
    }

    /** Runs {@code task} on the windows' thread at {@code epochMillis}; a failure is reported, not thrown. */
    private void schedule(long epochMillis, String what, Runnable task) {
        ScheduledFuture<?> unused =
                windows.schedule(reported(what, task), epochMillis - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }

    /** A scheduled executor keeps a task's exception to itself: say it, the figures of that window are missing. */
    private static Runnable reported(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                System.out.println("[benchmark] " + what + " failed: " + e);
            }
        };
    }

    /** Starts the phase's platform once the machine is quiet, creates its goods and warms it up. */
    private ChainBuilder start(BenchmarkPhase phase) {
        return awaitTask(phase.label() + " start", () -> {
            String quiet = Machine.awaitQuiet(config.settleLoad(), config.settleMaxSeconds());
            phase.machineAtStart = quiet;
            System.out.println("[benchmark] " + phase.label() + ": starting a fresh platform; " + quiet);
            phase.platform = PlatformUnderTest.startLocal(
                    settings, phase.mode, settings.workDir().resolve(phase.slug()));
            PlatformApi api = new PlatformApi(phase.platform);
            phase.catalogue = Catalogue.create(api, settings, runId + "-" + phase.slug());
            // User ids have at most 64 characters: the round, not the mode (each phase's platform is a fresh one).
            phase.warmUp = WarmUp.untilSettled(
                    phase.platform, api, phase.catalogue.ampleGoods(), runId + "-R" + phase.round, config.warmUp());
            measureIdle(phase);
        });
    }

    /**
     * The CPU each platform process uses with no traffic (the broker's and the pools' polling threads, timers): a
     * fixed cost per second that the steady window's CPU per order includes, and its marginal figure takes out.
     */
    private void measureIdle(BenchmarkPhase phase) throws InterruptedException {
        Map<String, List<ProcessHandle>> roles = phase.platform.processes();
        Map<String, ProcessCpu.Sample> start = ProcessCpu.sample(roles);
        long startNanos = System.nanoTime();
        Thread.sleep(config.idleSeconds() * 1000L);
        phase.idleCpu = ProcessCpu.between(start, ProcessCpu.sample(roles));
        phase.idleSeconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "[benchmark] %s: idle platform CPU %.1f ms/s (JIT threads excepted) over %.1f s%n",
                phase.label(),
                BenchmarkReport.platformIdleMillisPerSecond(phase),
                phase.idleSeconds);
    }

    /**
     * Waits until the returns of the phase's failed orders are consumed (the audit comes back clean, or the bound
     * passes), then runs the stock audit as a Gatling request that a violation fails.
     */
    private ChainBuilder audit(BenchmarkPhase phase) {
        return awaitTask(phase.label() + " settle", () -> {
                    PlatformApi api = new PlatformApi(phase.platform);
                    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
                    while (!AuditResult.of(api.audit(phase.catalogue.initialStock()))
                                    .consistent()
                            && System.nanoTime() < deadline) {
                        Thread.sleep(1000);
                    }
                })
                .exec(http("stock audit")
                        .post(session -> phase.platform.orderUrl() + AuditResult.PATH)
                        .header("Authorization", session -> "Bearer " + phase.platform.adminToken())
                        .body(StringBody(session -> PlatformApi.JSON.writeValueAsString(
                                AuditResult.request(phase.catalogue.initialStock()))))
                        .requestTimeout(Duration.ofMinutes(2))
                        .check(
                                status().is(200),
                                bodyString()
                                        .transform(body -> {
                                            phase.audit = AuditResult.of(
                                                    new PlatformApi.Answer(200, PlatformApi.JSON.readTree(body), body));
                                            System.out.println("[benchmark] " + phase.label() + " stock audit: "
                                                    + phase.audit.summary());
                                            return phase.audit.consistent();
                                        })
                                        .is(true)
                                        .name("stock audit: consistent")));
    }

    /** Stops the phase's platform and waits until its processes have exited and its ports are free. */
    private ChainBuilder stop(BenchmarkPhase phase) {
        return awaitTask(phase.label() + " stop", () -> phase.platform.closeAndAwaitGone(STOP_LIMIT));
    }

    /** Blocking work run off Gatling's threads, polled every second; its failure stops the run. */
    private ChainBuilder awaitTask(String name, BlockingTask task) {
        String key = "task " + name;
        return exec(session -> session.set(
                        key,
                        CompletableFuture.runAsync(
                                () -> {
                                    try {
                                        task.run();
                                    } catch (Exception e) {
                                        throw new IllegalStateException(name + " failed: " + e, e);
                                    }
                                },
                                orchestration)))
                .asLongAs(session -> !session.<CompletableFuture<?>>get(key).isDone())
                .on(pause(Duration.ofSeconds(1)))
                // Gatling evaluates the message whether or not the condition holds.
                .crashLoadGeneratorIf(
                        session -> session.<CompletableFuture<?>>get(key).isCompletedExceptionally()
                                ? session.<CompletableFuture<?>>get(key)
                                        .exceptionNow()
                                        .getMessage()
                                : "",
                        session -> session.<CompletableFuture<?>>get(key).isCompletedExceptionally());
    }

    private interface BlockingTask {
        void run() throws Exception;
    }

    private void stopAll() {
        for (BenchmarkPhase phase : phases) {
            if (phase.platform != null) {
                phase.platform.close();
            }
        }
    }
}
