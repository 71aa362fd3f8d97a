package dev.orderplatform.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A few sequential orders before the load (cart, create, pay on goods with ample stock), so that the measured load
 * does not start on cold JVMs. Warm-up orders are paid: they keep their stock, and the audit counts them like any
 * other live order. Bounded in time; failures are reported, not fatal.
 */
final class WarmUp {

    private WarmUp() {
    }

    static void run(PlatformUnderTest platform, PlatformApi api, Catalogue catalogue, String runId, int orders) {
        if (orders <= 0) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String token = platform.userToken("lt-" + runId + "-warmup");
        List<Long> goods = catalogue.ampleGoods();
        int ok = 0;
        int failed = 0;
        long lastMillis = 0;
        for (int i = 0; i < orders && System.nanoTime() < deadline && !goods.isEmpty(); i++) {
            long started = System.nanoTime();
            long goodsId = goods.get(i % goods.size());
            PlatformApi.Answer cart = api.send("POST", platform.orderUrl() + "/api/v1/cart/items", token,
                    Map.of("goodsId", goodsId, "quantity", 1, "selected", true));
            PlatformApi.Answer order = cart.ok() ? api.send("POST", platform.orderUrl() + "/api/v1/orders", token,
                    Map.of("address", "1 Warm-up Lane", "name", "Warm Up", "mobile", "13800000000")) : cart;
            PlatformApi.Answer pay = order.status() == 201 ? api.send("POST", platform.orderUrl() + "/api/v1/orders/"
                    + order.body().path("orderSn").asString() + "/pay", token, null) : order;
            lastMillis = (System.nanoTime() - started) / 1_000_000;
            if (pay.ok()) {
                ok++;
            } else {
                failed++;
                // A cart left behind would join the next order; clear it.
                api.send("DELETE", platform.orderUrl() + "/api/v1/cart/items/" + goodsId, token, null);
            }
        }
        System.out.printf(Locale.ROOT, "[loadtest] warm-up: %d orders paid, %d failed; the last took %d ms%n", ok,
                failed, lastMillis);
    }
}
