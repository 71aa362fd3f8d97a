package dev.orderplatform.loadtest;

import dev.orderplatform.launcher.Component;
import dev.orderplatform.launcher.LocalPlatformOptions.AotCacheMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Start-up benchmark ({@code ./mvnw -B -Pmain-job,startup-benchmark verify}, {@code -Dloadtest.run=startup}): cold
 * starts (no AOT cache) and warm starts (the AOT caches of the launcher's build) of the services, interleaved in one
 * run ({@code -Drounds} pairs: cold, warm, cold, warm, ...), each on a fresh local platform. Per start: each
 * service's time from process start to readiness UP, then create-order traffic at {@code -Drate} orders per second for
 * {@code -DplateauSeconds} (a new user per order: cart line, create; unpaid), its p50 latency per one-second window
 * of arrivals, the steady p50 (median of the last quarter's windows), and how long the traffic ran before the p50 came
 * within {@link #TOLERANCE} of steady and stayed there. Then each service is restarted alone on the quiet, running
 * platform (as a pod is rolled, the others idle) and its readiness measured again: the platform's own start has each
 * service start while the one before it is still compiling on the same two cores. The machine is shared: every line
 * carries its load average.
 */
final class StartupBenchmark {

    private static final String ORDER_BODY_ADDRESS = "1 Start-up Road";
    /** A window is "steady" when its p50 is at most 25 % or 5 ms above the steady p50, whichever is more. */
    private static final double TOLERANCE = 1.25;

    private static final long TOLERANCE_FLOOR_MS = 5;

    private StartupBenchmark() {}

    record Start(
            String mode,
            int round,
            double loadAverage,
            Map<Component, Duration> ready,
            Map<Component, Duration> readyRestartedAlone,
            List<Double> windowP50s,
            double steadyP50,
            int secondsToSteady,
            int failed) {}

    public static void main(String[] args) {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        int rounds = (int) LoadSettings.number("rounds", 2);
        System.out.printf(
                Locale.ROOT,
                "[startup] %d rounds of cold and warm starts, then %.0f orders/s for %d s; service JVM options %s; %s; "
                        + "load average %.2f%n",
                rounds,
                settings.rate(),
                settings.plateauSeconds(),
                settings.serviceJvmOptions().isEmpty() ? "as shipped" : settings.serviceJvmOptions(),
                Machine.describe(),
                Machine.loadAverage());
        List<Start> starts = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (AotCacheMode mode : List.of(AotCacheMode.OFF, AotCacheMode.USE)) {
                Start start = measure(settings, mode, round);
                starts.add(start);
                System.out.println("[startup] " + line(start));
            }
        }
        System.out.println(report(starts));
    }

    private static Start measure(LoadSettings settings, AotCacheMode mode, int round) {
        String label = mode == AotCacheMode.OFF ? "cold" : "warm";
        System.out.println("[startup] " + label + " " + round + ": " + Machine.awaitQuiet(2.0, 30));
        double loadAverage = Machine.loadAverage();
        PlatformUnderTest platform = PlatformUnderTest.startLocal(
                settings, "reliable", settings.workDir().resolve("startup-" + label + "-" + round), mode);
        try {
            var local = platform.local().orElseThrow();
            if (mode == AotCacheMode.USE && !local.startedWithAotCache().containsAll(Component.SERVICES)) {
                throw new IllegalStateException("A warm start needs the services' AOT caches (a build on JDK 25+); "
                        + "started with one: " + local.startedWithAotCache());
            }
            Map<Component, Duration> ready = local.startUpTimes();
            PlatformApi api = new PlatformApi(platform);
            long goodsId = api.createGoods("Start-up " + label + " " + round, "10.00");
            api.setStock(goodsId, 1_000_000);
            Traffic traffic = traffic(settings, platform, api, goodsId, label, round);
            Map<Component, Duration> restarted = new EnumMap<>(Component.class);
            for (Component service : Component.SERVICES) {
                System.out.println("[startup] " + label + " " + round + ", restarting "
                        + service.name().toLowerCase(Locale.ROOT) + " alone: " + Machine.awaitQuiet(2.0, 30));
                local.restart(service);
                restarted.put(service, local.startUpTimes().get(service));
            }
            return new Start(
                    label,
                    round,
                    loadAverage,
                    ready,
                    restarted,
                    traffic.windowP50s(),
                    traffic.steadyP50(),
                    traffic.secondsToSteady(),
                    traffic.failed());
        } finally {
            platform.closeAndAwaitGone(Duration.ofSeconds(60));
        }
    }

    private record Traffic(List<Double> windowP50s, double steadyP50, int secondsToSteady, int failed) {}

    /** Open-model traffic: one order per 1/rate s whatever the latency, each on its own virtual thread. */
    private static Traffic traffic(
            LoadSettings settings, PlatformUnderTest platform, PlatformApi api, long goodsId, String label, int round) {
        int seconds = settings.plateauSeconds();
        long intervalNanos = (long) (1e9 / settings.rate());
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; ; i++) {
                long arrival = start + i * intervalNanos;
                if (arrival - start >= seconds * 1_000_000_000L) {
                    break;
                }
                sleepUntil(arrival);
                String token = platform.userToken("startup-" + label + "-" + round + "-" + i);
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
                        samples.add(new long[] {(arrival - start) / 1_000_000_000L, (System.nanoTime() - sent)});
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
        }
        List<Double> p50s = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            int s = second;
            p50s.add(median(samples.stream()
                    .filter(sample -> sample[0] == s)
                    .map(sample -> sample[1] / 1e6)
                    .toList()));
        }
        double steady = median(p50s.subList(seconds - Math.max(1, seconds / 4), seconds));
        double bound = Math.max(steady * TOLERANCE, steady + TOLERANCE_FLOOR_MS);
        int toSteady = seconds;
        // A window without a completed order (NaN) is not steady.
        while (toSteady > 0 && p50s.get(toSteady - 1) <= bound) {
            toSteady--;
        }
        return new Traffic(p50s, steady, toSteady, failed.get());
    }

    /** The start's table row, then what the table leaves out: failures and the p50 of every second. */
    private static String line(Start start) {
        return String.format(
                Locale.ROOT,
                "%s %d failed; create-order p50 per second %s",
                row(start),
                start.failed(),
                start.windowP50s().stream()
                        .map(p50 -> String.format(Locale.ROOT, "%.0f", p50))
                        .toList());
    }

    private static String row(Start start) {
        return String.format(
                Locale.ROOT,
                "| %s %d | %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.0f | %.1f | %d |",
                start.mode(),
                start.round(),
                start.loadAverage(),
                seconds(start.ready().get(Component.GOODS)),
                seconds(start.readyRestartedAlone().get(Component.GOODS)),
                seconds(start.ready().get(Component.INVENTORY)),
                seconds(start.readyRestartedAlone().get(Component.INVENTORY)),
                seconds(start.ready().get(Component.ORDER)),
                seconds(start.readyRestartedAlone().get(Component.ORDER)),
                start.windowP50s().getFirst(),
                start.steadyP50(),
                start.secondsToSteady());
    }

    /** The table, and warm against cold pair by pair (the same round: neighbours in time on the same machine). */
    private static String report(List<Start> starts) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%n[startup] Ready s: in the platform's start / restarted alone on the running platform.%n"
                        + "[startup] | start | load avg | goods ready s | inventory ready s | order ready s | "
                        + "p50 1st s ms | steady p50 ms | steady after s |%n"));
        out.append("[startup] |---|---|---|---|---|---|---|---|\n");
        for (Start start : starts) {
            out.append("[startup] ").append(row(start)).append('\n');
        }
        for (int i = 0; i + 1 < starts.size(); i += 2) {
            Start cold = starts.get(i);
            Start warm = starts.get(i + 1);
            out.append(String.format(
                    Locale.ROOT,
                    "[startup] round %d warm/cold: ready goods %.2f, inventory %.2f, order %.2f; steady after %d s vs"
                            + " %d s%n",
                    cold.round(),
                    ratio(warm, cold, Component.GOODS),
                    ratio(warm, cold, Component.INVENTORY),
                    ratio(warm, cold, Component.ORDER),
                    warm.secondsToSteady(),
                    cold.secondsToSteady()));
        }
        return out.toString();
    }

    private static double ratio(Start warm, Start cold, Component service) {
        return seconds(warm.ready().get(service)) / seconds(cold.ready().get(service));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The median; NaN for no samples (a window without a completed order). */
    private static double median(List<Double> values) {
        List<Double> sorted = values.stream()
                .filter(v -> !v.isNaN())
                .sorted(Comparator.naturalOrder())
                .toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
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
