package dev.orderplatform.launcher;

import dev.orderplatform.launcher.DemoSeed.DemoGoods;
import dev.orderplatform.launcher.LocalPlatformOptions.AotCacheMode;
import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The build's packaging step for the services (launcher module, phase package): extracts each service's executable
 * jar ({@link ServicePackage}) and, on JDK 25+, trains their AOT caches (JEP 483/514/515) in one training run of the
 * real platform: MariaDB and RocketMQ as the launcher runs them, each service with {@code -XX:AOTCacheOutput},
 * then traffic through every service (demo goods, carts, orders, payments, reads, the audit), so that the caches
 * hold the classes and the method profiles of serving, not only of the start. The services write their caches as
 * they exit. Up-to-date caches (same JVM, same service jars) are kept.
 *
 * <p>{@code java -cp launcher.jar dev.orderplatform.launcher.AotCacheTraining <launcher target dir> <orders> <skip>}
 */
public final class AotCacheTraining {

    private static final int USERS = 4;
    /** The demo goods with 500 and 1000 units of stock take the orders in turns. */
    private static final int MAX_ORDERS = 1000;
    /** The traffic stops after the orders or this long, whichever comes first: the build must stay fast. */
    private static final Duration TRAFFIC_TIME_LIMIT = Duration.ofSeconds(40);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger placed = new AtomicInteger();

    private AotCacheTraining() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: AotCacheTraining <launcher target dir> <orders> <skip>");
        }
        Path launcherDir = Path.of(args[0]);
        int orders = Integer.parseInt(args[1]);
        if (orders < 1 || orders > MAX_ORDERS) {
            throw new IllegalArgumentException("-Daot.training.orders must be 1 to " + MAX_ORDERS + ", not " + orders);
        }
        boolean skip = Boolean.parseBoolean(args[2]);
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<ServicePackage> services = Component.SERVICES.stream()
                .map(s -> ServicePackage.in(launcherDir, s))
                .toList();
        services.forEach(service -> service.extract(java));

        if (Runtime.version().feature() < 25) {
            System.out.println("[aot] JDK " + Runtime.version()
                    + ": no AOT cache training (JDK 25+); the services start without one");
            return;
        }
        if (services.stream().allMatch(s -> s.cacheUnusableReason().isEmpty())) {
            System.out.println("[aot] the AOT caches of goods, inventory and order are up to date");
            return;
        }
        if (skip) {
            System.out.println("[aot] AOT cache training skipped (-Daot.training.skip): the services start without");
            return;
        }
        services.forEach(ServicePackage::dropCache);
        long started = System.nanoTime();
        int placed = new AotCacheTraining().train(launcherDir, orders);
        services.forEach(ServicePackage::stampCache);
        System.out.printf(
                Locale.ROOT,
                "[aot] trained the AOT caches of goods, inventory and order in %.0f s (%d orders): %s%n",
                (System.nanoTime() - started) / 1e9,
                placed,
                services.stream()
                        .map(s -> s.name() + " " + megabytes(s.aotCache()) + " MB")
                        .collect(Collectors.joining(", ")));
    }

    /** Runs the training platform and its traffic; returns the number of orders placed. */
    private int train(Path launcherDir, int orders) {
        Path workDir = launcherDir.resolve("aot-training");
        ServicePackage.deleteRecursively(workDir);
        LocalPlatformOptions options = LocalPlatformOptions.defaults(workDir, launcherDir)
                .withRandomPorts()
                .withAotCache(AotCacheMode.TRAIN);
        // The platform's progress is printed only if the training fails: the build stays quiet.
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        try (LocalPlatform platform = LocalPlatform.start(options, progress::add)) {
            serve(platform, orders);
        } catch (RuntimeException e) {
            progress.forEach(line -> System.out.println("[aot] " + line));
            throw new IllegalStateException("The AOT cache training run failed; logs in " + workDir.resolve("logs"), e);
        }
        if (failures.get() * 10 > requests.get()) {
            throw new IllegalStateException("The AOT cache training run failed " + failures + " of " + requests
                    + " requests; logs in " + workDir.resolve("logs"));
        }
        return placed.get();
    }

    /** What users and operators do, on every service: seeding, browsing, carts, orders, payments, the audit. */
    private void serve(LocalPlatform platform, int orders) {
        JwtTokens tokens = new JwtTokens(platform.jwtSecret().getBytes(StandardCharsets.UTF_8));
        String admin = tokens.issue("aot-training-admin", List.of(Roles.ADMIN), Duration.ofHours(1));
        List<DemoGoods> ample = new DemoSeed(platform.goodsUrl(), platform.inventoryUrl(), admin)
                .seed().stream().filter(g -> g.stock() >= MAX_ORDERS / 2).toList();
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + TRAFFIC_TIME_LIMIT.toNanos();
        try (ExecutorService users = Executors.newFixedThreadPool(USERS)) {
            for (int user = 0; user < USERS; user++) {
                users.execute(() -> {
                    for (int i = next.getAndIncrement();
                            i < orders && System.nanoTime() < deadline;
                            i = next.getAndIncrement()) {
                        // A new user per order: the services verify a token they have not seen (a known one comes
                        // from their cache), so that the cache holds the profiles of token verification too.
                        String token = tokens.issue("aot-training-user-" + i, List.of(Roles.USER), Duration.ofHours(1));
                        order(
                                platform,
                                token,
                                admin,
                                ample.get(i % ample.size()).id(),
                                i % 2 == 0);
                    }
                });
            }
        }
        call("GET", platform.orderUrl().resolve("/api/v1/audit"), admin, null);
    }

    private void order(LocalPlatform platform, String token, String admin, long goodsId, boolean pay) {
        URI order = platform.orderUrl();
        call("GET", platform.goodsUrl().resolve("/api/v1/goods"), token, null);
        call("GET", platform.goodsUrl().resolve("/api/v1/goods/" + goodsId), token, null);
        call(
                "POST",
                order.resolve("/api/v1/cart/items"),
                token,
                Map.of("goodsId", goodsId, "quantity", 1, "selected", true));
        call("GET", order.resolve("/api/v1/cart"), token, null);
        JsonNode created = call(
                "POST",
                order.resolve("/api/v1/orders"),
                token,
                Map.of("address", "1 Training Road", "name", "Aot Training", "mobile", "13800000000"));
        String orderSn = created.path("orderSn").asString("");
        if (orderSn.isEmpty()) {
            return;
        }
        placed.incrementAndGet();
        call("GET", order.resolve("/api/v1/orders/" + orderSn), token, null);
        if (pay) {
            call("POST", order.resolve("/api/v1/orders/" + orderSn + "/pay"), token, null);
        }
        call("GET", order.resolve("/api/v1/orders"), token, null);
        call("GET", platform.inventoryUrl().resolve("/api/v1/stocks/" + goodsId), admin, null);
        call("GET", platform.inventoryUrl().resolve("/api/v1/sell-records/" + orderSn), admin, null);
    }

    /** One request; a failure is counted (a few are tolerable in a training run), its body returned as JSON. */
    private JsonNode call(String method, URI url, String token, Object body) {
        requests.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                failures.incrementAndGet();
            }
            return response.body().isBlank() ? json.missingNode() : json.readTree(response.body());
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            return json.missingNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static long megabytes(Path file) {
        try {
            return Files.size(file) >> 20;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
