package dev.orderplatform.loadtest;

import dev.orderplatform.launcher.Component;
import dev.orderplatform.launcher.LocalPlatformOptions.AotCacheMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Start-up benchmark ({@code ./mvnw -B -Pmain-job,startup-benchmark verify}, {@code -Dloadtest.run=startup}): cold
 * starts (no AOT cache) and warm starts (the AOT caches of the launcher's build) of the services, interleaved in one
 * run ({@code -Drounds} pairs: cold, warm, cold, warm, ...), each on a fresh local platform. With
 * {@code -DvariantJvmOptions} (space-separated) each round has a third start, warm with those options, compared with
 * the warm start of its round: a start-up setting tried pair by pair. Per start: each service's time from process start
 * to readiness UP, then create-order traffic at {@code -Drate} orders per second for {@code -DplateauSeconds} (a new
 * user per order: cart line, create; unpaid). Then the platform is warmed up as the load benchmark warms it
 * ({@link WarmUp#untilSettled}: until its JIT compiler threads have settled) and the same traffic runs again for
 * {@code -DreferenceSeconds}: its p50 is the steady-state latency the start is compared with. Reported: the p50 of the
 * first second, of seconds 10-14 and of the last 5 s of traffic, the steady p50, and how long the traffic after the
 * start had run when the p50 of its last {@link #WINDOW_SECONDS} seconds came within {@link #TOLERANCE} of the steady
 * p50 to stay ({@link LatencyTrace#secondsToWithin}). Then each service is restarted alone on the quiet, running
 * platform (as a pod is rolled, the others idle) and its readiness measured again: the platform's own start has each
 * service start while the one before it is still compiling on the same two cores. The machine is shared: every line
 * carries its load average.
 */
final class StartupBenchmark {

    private static final String ORDER_BODY_ADDRESS = "1 Start-up Road";
    /** A window is at steady latency when its p50 is at most 25 % or 5 ms above the steady p50, whichever is more. */
    private static final double TOLERANCE = 1.25;

    private static final long TOLERANCE_FLOOR_MS = 5;
    /** At the default 5 orders/s, 25 orders per window. */
    private static final int WINDOW_SECONDS = 5;
    /** Issue 11's target: steady latency within 10 s of traffic; the window starting there is reported. */
    private static final int TARGET_SECONDS = 10;

    private StartupBenchmark() {}

    /** A kind of start: with or without the AOT caches, with the services' JVM options of the variant or none. */
    record Kind(String label, AotCacheMode aotCache, List<String> jvmOptions) {

        static final Kind COLD = new Kind("cold", AotCacheMode.OFF, List.of());
        static final Kind WARM = new Kind("warm", AotCacheMode.USE, List.of());

        static Kind variant(List<String> jvmOptions) {
            return new Kind("variant", AotCacheMode.USE, jvmOptions);
        }

        /** The platform mode the load suite starts: the reliable protocol, with the kind's JVM options. */
        String platformMode() {
            return String.join(
                    " ",
                    Stream.concat(Stream.of("reliable"), jvmOptions.stream()).toList());
        }
    }

    record Start(
            Kind kind,
            int round,
            double loadAverage,
            Map<Component, Duration> ready,
            Map<Component, Duration> readyRestartedAlone,
            LatencyTrace afterStart,
            double steadyP50,
            OptionalInt secondsToSteady,
            int failed,
            WarmUp.Result warmUp) {

        /** The p50 of the orders that arrived in the window starting at issue 11's 10 s. */
        double p50AtTarget() {
            return afterStart.p50(TARGET_SECONDS, TARGET_SECONDS + WINDOW_SECONDS);
        }

        /** The p50 of the orders that arrived in the traffic's last window. */
        double p50AtEnd() {
            return afterStart.p50(afterStart.seconds() - WINDOW_SECONDS, afterStart.seconds());
        }
    }

    public static void main(String[] args) {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        int rounds = (int) LoadSettings.number("rounds", 2);
        List<String> variantJvmOptions = LoadSettings.words(System.getProperty("variantJvmOptions", ""));
        List<Kind> kinds = variantJvmOptions.isEmpty()
                ? List.of(Kind.COLD, Kind.WARM)
                : List.of(Kind.COLD, Kind.WARM, Kind.variant(variantJvmOptions));
        System.out.printf(
                Locale.ROOT,
                "[startup] %d rounds of %s starts, then %.0f orders/s for %d s; service JVM options %s%s; %s; "
                        + "load average %.2f%n",
                rounds,
                kinds.stream().map(Kind::label).toList(),
                settings.rate(),
                settings.plateauSeconds(),
                settings.serviceJvmOptions().isEmpty() ? "as shipped" : settings.serviceJvmOptions(),
                variantJvmOptions.isEmpty() ? "" : ", the variant's also " + variantJvmOptions,
                Machine.describe(),
                Machine.loadAverage());
        List<Start> starts = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Kind kind : kinds) {
                Start start = measure(settings, kind, round);
                starts.add(start);
                System.out.println("[startup] " + line(start));
            }
        }
        System.out.println(report(starts));
    }

    private static Start measure(LoadSettings settings, Kind kind, int round) {
        String label = kind.label();
        String name = label + "-" + round;
        System.out.println("[startup] " + label + " " + round + ": " + Machine.awaitQuiet(2.0, 30));
        double loadAverage = Machine.loadAverage();
        PlatformUnderTest platform = PlatformUnderTest.startLocal(
                settings, kind.platformMode(), settings.workDir().resolve("startup-" + name), kind.aotCache());
        try {
            var local = platform.local().orElseThrow();
            if (kind.aotCache() == AotCacheMode.USE
                    && !local.startedWithAotCache().containsAll(Component.SERVICES)) {
                throw new IllegalStateException("A warm start needs the services' AOT caches (a build on JDK 25+); "
                        + "started with one: " + local.startedWithAotCache());
            }
            Map<Component, Duration> ready = local.startUpTimes();
            PlatformApi api = new PlatformApi(platform);
            long goodsId = api.createGoods("Start-up " + label + " " + round, "10.00");
            api.setStock(goodsId, 1_000_000);
            Traffic traffic = traffic(settings, settings.plateauSeconds(), platform, api, goodsId, name);
            WarmUp.Result warmUp;
            try {
                // The load benchmark's warm-up, with its rule.
                warmUp = WarmUp.untilSettled(
                        platform, api, List.of(goodsId), "startup-" + name, WarmUp.Rule.fromSystemProperties());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
            Traffic steady = traffic(
                    settings,
                    (int) LoadSettings.number("referenceSeconds", 20),
                    platform,
                    api,
                    goodsId,
                    name + "-steady");
            double steadyP50 = steady.trace().p50();
            double bound = Math.max(steadyP50 * TOLERANCE, steadyP50 + TOLERANCE_FLOOR_MS);
            Map<Component, Duration> restarted = new EnumMap<>(Component.class);
            for (Component service : Component.SERVICES) {
                System.out.println("[startup] " + label + " " + round + ", restarting "
                        + service.name().toLowerCase(Locale.ROOT) + " alone: " + Machine.awaitQuiet(2.0, 30));
                local.restart(service);
                restarted.put(service, local.startUpTimes().get(service));
            }
            return new Start(
                    kind,
                    round,
                    loadAverage,
                    ready,
                    restarted,
                    traffic.trace(),
                    steadyP50,
                    traffic.trace().secondsToWithin(bound, WINDOW_SECONDS),
                    traffic.failed() + steady.failed(),
                    warmUp);
        } finally {
            platform.closeAndAwaitGone(Duration.ofSeconds(60));
        }
    }

    private record Traffic(LatencyTrace trace, int failed) {}

    /** Open-model traffic: one order per 1/rate s whatever the latency, each on its own virtual thread. */
    private static Traffic traffic(
            LoadSettings settings,
            int seconds,
            PlatformUnderTest platform,
            PlatformApi api,
            long goodsId,
            String userPrefix) {
        long intervalNanos = (long) (1e9 / settings.rate());
        ConcurrentLinkedQueue<LatencyTrace.Sample> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; ; i++) {
                long arrival = start + i * intervalNanos;
                if (arrival - start >= seconds * 1_000_000_000L) {
                    break;
                }
                sleepUntil(arrival);
                String token = platform.userToken("startup-" + userPrefix + "-" + i);
                users.execute(() -> {
                    boolean inCart = api.send(
                                    "POST",
                                    platform.orderUrl() + "/api/v1/cart/items",
                                    token,
                                    Map.of("goodsId", goodsId, "quantity", 1, "selected", true))
                            .ok();
                    long sent = System.nanoTime();
                    int status = inCart
                            ? api.send(
                                            "POST",
                                            platform.orderUrl() + "/api/v1/orders",
                                            token,
                                            Map.of(
                                                    "address",
                                                    ORDER_BODY_ADDRESS,
                                                    "name",
                                                    "Start Up",
                                                    "mobile",
                                                    "13800000000"))
                                    .status()
                            : 0;
                    if (status == 201) {
                        samples.add(new LatencyTrace.Sample(
                                (int) ((arrival - start) / 1_000_000_000L), (System.nanoTime() - sent) / 1e6));
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
        }
        return new Traffic(new LatencyTrace(seconds, List.copyOf(samples)), failed.get());
    }

    /** The start's table row, then what the table leaves out: failures, the warm-up and the p50 of every second. */
    private static String line(Start start) {
        return String.format(
                Locale.ROOT,
                "%s %d failed; %s; create-order p50 per second after the start %s",
                row(start),
                start.failed(),
                start.warmUp(),
                start.afterStart().p50PerSecond().stream()
                        .map(p50 -> String.format(Locale.ROOT, "%.0f", p50))
                        .toList());
    }

    private static String row(Start start) {
        return String.format(
                Locale.ROOT,
                "| %s %d | %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.0f | %.1f | %.1f | %.1f | %s |",
                start.kind().label(),
                start.round(),
                start.loadAverage(),
                seconds(start.ready().get(Component.GOODS)),
                seconds(start.readyRestartedAlone().get(Component.GOODS)),
                seconds(start.ready().get(Component.INVENTORY)),
                seconds(start.readyRestartedAlone().get(Component.INVENTORY)),
                seconds(start.ready().get(Component.ORDER)),
                seconds(start.readyRestartedAlone().get(Component.ORDER)),
                start.afterStart().p50(0, 1),
                start.p50AtTarget(),
                start.p50AtEnd(),
                start.steadyP50(),
                atSteadyAfter(start));
    }

    /** The table, and warm against cold pair by pair (the same round: neighbours in time on the same machine). */
    private static String report(List<Start> starts) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%n[startup] Ready s: in the platform's start / restarted alone on the running platform. Steady p50: "
                        + "after the warm-up. At steady after: seconds of traffic after the start when the p50 of "
                        + "the last %d s came within 25 %% or 5 ms of it to stay.%n"
                        + "[startup] | start | load avg | goods ready s | inventory ready s | order ready s | "
                        + "p50 1st s ms | p50 %d-%d s ms | p50 last %d s ms | steady p50 ms | at steady after s |%n",
                WINDOW_SECONDS,
                TARGET_SECONDS,
                TARGET_SECONDS + WINDOW_SECONDS - 1,
                WINDOW_SECONDS));
        out.append("[startup] |---|---|---|---|---|---|---|---|---|---|\n");
        for (Start start : starts) {
            out.append("[startup] ").append(row(start)).append('\n');
        }
        for (int i = 0; i < starts.size(); i++) {
            // Each start after a round's first against the one before it: warm/cold, variant/warm.
            Start start = starts.get(i);
            if (i > 0 && start.round() == starts.get(i - 1).round()) {
                out.append(comparison(start, starts.get(i - 1)));
            }
        }
        return out.toString();
    }

    private static String comparison(Start start, Start before) {
        return String.format(
                Locale.ROOT,
                "[startup] round %d %s/%s: ready goods %.2f, inventory %.2f, order %.2f; "
                        + "p50 last %d s %.1f vs %.1f ms; at steady after %s vs %s%n",
                start.round(),
                start.kind().label(),
                before.kind().label(),
                ratio(start, before, Component.GOODS),
                ratio(start, before, Component.INVENTORY),
                ratio(start, before, Component.ORDER),
                WINDOW_SECONDS,
                start.p50AtEnd(),
                before.p50AtEnd(),
                atSteadyAfter(start),
                atSteadyAfter(before));
    }

    private static String atSteadyAfter(Start start) {
        return start.secondsToSteady().isPresent()
                ? start.secondsToSteady().getAsInt() + " s"
                : "not within " + start.afterStart().seconds() + " s";
    }

    private static double ratio(Start start, Start before, Component service) {
        return seconds(start.ready().get(service)) / seconds(before.ready().get(service));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }
}
