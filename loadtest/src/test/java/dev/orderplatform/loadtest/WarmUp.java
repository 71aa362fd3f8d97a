package dev.orderplatform.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * Orders before the load (cart, create, pay on goods with ample stock), from concurrent closed-loop users, so that
 * the measured load does not start on cold JVMs (the JIT compiles the hot paths only after thousands of calls). As in
 * the measured load, each order is placed by a new user.
 * Warm-up orders are paid: they keep their stock, and the audit counts them like any other live order. Failures are
 * reported, not fatal, except in the benchmark's warm-up: a phase measured after a failed warm-up would measure cold
 * JVMs.
 *
 * <p>The standard, CI and chaos runs place a number of orders ({@link #run}, bounded in time). The benchmark warms up
 * until the platform's JIT compiler threads have settled ({@link #untilSettled}): a fixed order count left them at a
 * third of the platform's CPU in the steady window, so that the CPU per order measured compilation.
 */
final class WarmUp {

    private static final int USERS = 8;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(90);
    /** The benchmark's JIT share is taken over this much of the most recent warm-up, sampled once a second. */
    static final int WINDOW_SECONDS = 10;
    /** Users finish the order in hand once told to stop: a few requests of at most 10 s each. */
    private static final Duration FINISH_LIMIT = Duration.ofSeconds(60);

    /**
     * The benchmark's warm-up: {@code users} closed-loop users until the platform's JIT compiler threads used less
     * than {@code jitShare} of its CPU over the last {@link #WINDOW_SECONDS}, at least {@code minSeconds} (a lull
     * must not pass for settled) and at most {@code maxSeconds}.
     */
    record Rule(int users, int minSeconds, int maxSeconds, double jitShare) {

        /** {@code -DwarmupUsers}, {@code -DwarmupMinSeconds}, {@code -DwarmupMaxSeconds}, {@code -DwarmupJitShare}. */
        static Rule fromSystemProperties() {
            return new Rule(
                    (int) LoadSettings.number("warmupUsers", 16),
                    (int) LoadSettings.number("warmupMinSeconds", 60),
                    (int) LoadSettings.number("warmupMaxSeconds", 360),
                    // 5% left the order service's compiler threads at 0.3-1.2 ms per order in the first ladder pass
                    // (docs/development.md, "From start to steady state under load").
                    LoadSettings.number("warmupJitShare", 0.02));
        }

        /**
         * How the warm-up ends after {@code elapsedSeconds}, given each platform process's CPU over the last window
         * (empty until a whole window has been sampled); empty while it goes on.
         */
        Optional<Ending> ending(double elapsedSeconds, Map<String, ProcessCpu.Usage> lastWindow) {
            double share = ProcessCpu.jitShare(lastWindow);
            if (elapsedSeconds >= minSeconds && share < jitShare) {
                return Optional.of(new Ending(true, share));
            }
            return elapsedSeconds >= maxSeconds ? Optional.of(new Ending(false, share)) : Optional.empty();
        }
    }

    /** Why the benchmark's warm-up ended, and the JIT's share of the platform's CPU over its last window. */
    record Ending(boolean settled, double jitShare) {

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT, settled ? "JIT settled at %.1f%%" : "time limit with JIT at %.1f%%", jitShare * 100);
        }
    }

    /** What the warm-up's users did; {@code lastFailure} says how the last failed order failed (null: none did). */
    record Tally(int paid, int failed, int users, double seconds, long lastMillis, String lastFailure) {

        String line() {
            return String.format(
                    Locale.ROOT,
                    "warm-up: %d orders paid, %d failed by %d users in %.1f s; the last took %d ms%s",
                    paid,
                    failed,
                    users,
                    seconds,
                    lastMillis,
                    lastFailure == null ? "" : "; the last failure: " + lastFailure);
        }

        /** At most 1% of the orders failed. */
        boolean mostlyPaid() {
            return failed * 100L <= (long) paid + failed;
        }
    }

    /** The benchmark's warm-up: what the users did and why it ended. */
    record Result(Tally tally, Ending ending) {

        @Override
        public String toString() {
            return tally.line() + "; " + ending;
        }
    }

    private WarmUp() {}

    /** Places {@code orders} orders from a few users (at most 90 s) and returns the line it printed. */
    static String run(PlatformUnderTest platform, PlatformApi api, List<Long> goods, String runId, int orders) {
        if (orders <= 0 || goods.isEmpty()) {
            return "no warm-up";
        }
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        Users users = new Users(
                platform, api, goods, runId, Math.min(USERS, orders), i -> i < orders && System.nanoTime() < deadline);
        String line;
        try {
            line = users.await(TIME_LIMIT.plus(Duration.ofSeconds(30))).line();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            line = "warm-up interrupted";
        }
        System.out.println("[loadtest] " + line);
        return line;
    }

    /**
     * The benchmark's warm-up: closed-loop users until the {@link Rule} ends it, with the CPU of the platform's
     * processes sampled once a second ({@link ProcessCpu}) for its JIT share over the last window.
     */
    static Result untilSettled(PlatformUnderTest platform, PlatformApi api, List<Long> goods, String runId, Rule rule)
            throws InterruptedException {
        if (goods.isEmpty()) {
            throw new IllegalStateException("no goods with ample stock to warm up with");
        }
        Map<String, List<ProcessHandle>> roles = platform.processes();
        long windowNanos = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
        record Timed(long nanos, Map<String, ProcessCpu.Sample> cpu) {}
        List<Timed> samples = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        long started = System.nanoTime();
        samples.add(new Timed(started, ProcessCpu.sample(roles)));
        Users users = new Users(platform, api, goods, runId, rule.users(), i -> !stop.get());
        Optional<Ending> ending = Optional.empty();
        try {
            while (ending.isEmpty()) {
                Thread.sleep(1000);
                long now = System.nanoTime();
                samples.add(new Timed(now, ProcessCpu.sample(roles)));
                // Keep the newest sample that is at least a window old as the window's start.
                while (samples.size() > 1 && now - samples.get(1).nanos() >= windowNanos) {
                    samples.removeFirst();
                }
                Map<String, ProcessCpu.Usage> lastWindow =
                        now - samples.getFirst().nanos() >= windowNanos
                                ? ProcessCpu.between(
                                        samples.getFirst().cpu(),
                                        samples.getLast().cpu())
                                : Map.of();
                ending = rule.ending((now - started) / 1e9, lastWindow);
            }
        } finally {
            stop.set(true);
        }
        Result result = new Result(users.await(FINISH_LIMIT), ending.get());
        System.out.println("[loadtest] " + result);
        if (!result.tally().mostlyPaid()) {
            throw new IllegalStateException("The benchmark's warm-up failed ("
                    + result.tally().line() + "): the phase would measure cold JVMs");
        }
        return result;
    }

    /**
     * Closed-loop users, each placing and paying one order after another while the next order's index is granted;
     * every order under a user name of its own.
     */
    private static final class Users {

        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger paid = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicLong lastMillis = new AtomicLong();
        private final AtomicReference<String> lastFailure = new AtomicReference<>();
        private final long started = System.nanoTime();
        private final int count;
        private final ExecutorService pool;

        Users(
                PlatformUnderTest platform,
                PlatformApi api,
                List<Long> goods,
                String runId,
                int count,
                IntPredicate granted) {
            this.count = count;
            pool = Executors.newFixedThreadPool(count);
            for (int user = 0; user < count; user++) {
                pool.execute(() -> {
                    int i;
                    while (granted.test(i = next.getAndIncrement())) {
                        long begin = System.nanoTime();
                        // A new user per order, as in the measured load: the order service verifies a token it has
                        // not seen (a returning user's comes from its cache), and the JIT compiles that here.
                        String token = platform.userToken("lt-" + runId + "-warmup-" + i);
                        String failure = placeAndPay(platform, api, token, goods.get(i % goods.size()));
                        lastMillis.set((System.nanoTime() - begin) / 1_000_000);
                        if (failure == null) {
                            paid.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            lastFailure.set(failure);
                        }
                    }
                });
            }
            pool.shutdown();
        }

        /** Waits (bounded) until every user has stopped, and says what they did. */
        Tally await(Duration limit) throws InterruptedException {
            if (!pool.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
            return new Tally(
                    paid.get(),
                    failed.get(),
                    count,
                    (System.nanoTime() - started) / 1e9,
                    lastMillis.get(),
                    lastFailure.get());
        }
    }

    /** Places and pays one order; null when paid, else which request failed and how. */
    private static String placeAndPay(PlatformUnderTest platform, PlatformApi api, String token, long goodsId) {
        PlatformApi.Answer cart = api.send(
                "POST",
                platform.orderUrl() + "/api/v1/cart/items",
                token,
                Map.of("goodsId", goodsId, "quantity", 1, "selected", true));
        if (!cart.ok()) {
            return "cart add answered " + cart.status();
        }
        PlatformApi.Answer order = api.send(
                "POST",
                platform.orderUrl() + "/api/v1/orders",
                token,
                Map.of("address", "1 Warm-up Lane", "name", "Warm Up", "mobile", "13800000000"));
        if (order.status() != 201) {
            return "order creation answered " + order.status();
        }
        PlatformApi.Answer pay = api.send(
                "POST",
                platform.orderUrl() + "/api/v1/orders/"
                        + order.body().path("orderSn").asString() + "/pay",
                token,
                null);
        return pay.ok() ? null : "payment answered " + pay.status();
    }
}
