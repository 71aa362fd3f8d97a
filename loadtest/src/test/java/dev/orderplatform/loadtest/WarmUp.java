package dev.orderplatform.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders before the load (cart, create, pay on goods with ample stock), from a few concurrent users, so that the
 * measured load does not start on cold JVMs (the JIT compiles the hot paths only after thousands of calls).
 * Warm-up orders are paid: they keep their stock, and the audit counts them like any other live order. Bounded in
 * time; failures are reported, not fatal.
 */
final class WarmUp {

    private static final int USERS = 8;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(90);

    private WarmUp() {}

    /** Runs the warm-up and returns the line it printed. */
    static String run(PlatformUnderTest platform, PlatformApi api, Catalogue catalogue, String runId, int orders) {
        List<Long> goods = catalogue.ampleGoods();
        if (orders <= 0 || goods.isEmpty()) {
            return "no warm-up";
        }
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastMillis = new AtomicLong();
        long started = System.nanoTime();
        int users = Math.min(USERS, orders);
        try (ExecutorService pool = Executors.newFixedThreadPool(users)) {
            for (int user = 0; user < users; user++) {
                String token = platform.userToken("lt-" + runId + "-warmup-" + user);
                pool.execute(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < orders && System.nanoTime() < deadline) {
                        long begin = System.nanoTime();
                        boolean paid = placeAndPay(platform, api, token, goods.get(i % goods.size()));
                        lastMillis.set((System.nanoTime() - begin) / 1_000_000);
                        (paid ? ok : failed).incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(TIME_LIMIT.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String line = String.format(
                Locale.ROOT,
                "warm-up: %d orders paid, %d failed by %d users in %.1f s; the last " + "took %d ms",
                ok.get(),
                failed.get(),
                users,
                (System.nanoTime() - started) / 1e9,
                lastMillis.get());
        System.out.println("[loadtest] " + line);
        return line;
    }

    private static boolean placeAndPay(PlatformUnderTest platform, PlatformApi api, String token, long goodsId) {
        PlatformApi.Answer cart = api.send(
                "POST",
                platform.orderUrl() + "/api/v1/cart/items",
                token,
                Map.of("goodsId", goodsId, "quantity", 1, "selected", true));
        PlatformApi.Answer order = cart.ok()
                ? api.send(
                        "POST",
                        platform.orderUrl() + "/api/v1/orders",
                        token,
                        Map.of("address", "1 Warm-up Lane", "name", "Warm Up", "mobile", "13800000000"))
                : cart;
        PlatformApi.Answer pay = order.status() == 201
                ? api.send(
                        "POST",
                        platform.orderUrl() + "/api/v1/orders/"
                                + order.body().path("orderSn").asString() + "/pay",
                        token,
                        null)
                : order;
        if (!pay.ok()) {
            // A cart left behind would join the next order; clear it.
            api.send("DELETE", platform.orderUrl() + "/api/v1/cart/items/" + goodsId, token, null);
        }
        return pay.ok();
    }
}
