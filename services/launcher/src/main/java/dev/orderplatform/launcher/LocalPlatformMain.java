package dev.orderplatform.launcher;

import dev.orderplatform.infra.support.Ports;
import dev.orderplatform.infra.zipkin.ZipkinCollector;
import dev.orderplatform.launcher.DemoSeed.DemoGoods;
import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar services/launcher/target/launcher-*.jar [--order-timeout=PT30M] [--work-dir=DIR] [--random-ports]
 * [--no-aot-cache] [--production-broker=true] [--tracing=true]}: starts the platform (with {@code --tracing=true} also
 * Zipkin's server, which receives every trace of the services; with {@code --production-broker=true} the broker
 * settings the operator deploys, as the benchmark runs them, instead of the tests' fast check-backs), seeds demo goods,
 * prints the URLs and tokens, and stops everything on Ctrl-C.
 */
public final class LocalPlatformMain {

    private LocalPlatformMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path launcherTarget = launcherTargetDir();
        LocalPlatformOptions options =
                LocalPlatformOptions.defaults(launcherTarget.resolve("platform"), launcherTarget);
        boolean tracing = false;
        for (String arg : args) {
            if (arg.startsWith("--tracing=")) {
                tracing = Boolean.parseBoolean(arg.substring("--tracing=".length()));
            } else {
                options = apply(options, arg);
            }
        }

        long started = System.nanoTime();
        ZipkinCollector traces = tracing ? startTraceCollector(options) : null;
        if (traces != null) {
            // Every trace of every service, sent to the collector (docs/observability.md).
            Map<String, String> export = new HashMap<>(traces.exportProperties());
            export.put("management.tracing.sampling.probability", "1.0");
            options = options.withServiceProperties(
                    Map.of(Component.GOODS, export, Component.INVENTORY, export, Component.ORDER, export));
        }
        LocalPlatform platform = LocalPlatform.start(options, line -> System.out.println("[platform] " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("[platform] stopping");
                            platform.close();
                            if (traces != null) {
                                traces.close();
                            }
                            stopped.countDown();
                        },
                        "platform-shutdown"));

        JwtTokens tokens = new JwtTokens(platform.jwtSecret().getBytes(StandardCharsets.UTF_8));
        String adminToken = tokens.issue("admin", List.of(Roles.ADMIN), Duration.ofDays(1));
        String userToken = tokens.issue("demo-user", List.of(Roles.USER), Duration.ofDays(1));
        List<DemoGoods> goods = new DemoSeed(platform.goodsUrl(), platform.inventoryUrl(), adminToken).seed();

        System.out.printf(
                """

                OrderPlatform is running (ready in %.1f s). Everything listens on 127.0.0.1.
                  order API      %s/api/v1/orders   (cart: /api/v1/cart)
                  goods API      %s/api/v1/goods
                  inventory API  %s/api/v1/stocks/{goodsId}
                  RocketMQ       %s
                  MariaDB        %s
                  logs           %s
                Demo goods: %s
                Demo user token (subject demo-user):
                  export TOKEN=%s
                Admin token (role ADMIN):
                  export ADMIN_TOKEN=%s
                Try:
                  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                       -d '{"goodsId": %d, "quantity": 1}' %s/api/v1/cart/items
                  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                       -d '{"address": "1 Main St", "name": "Demo", "mobile": "13800000000"}' %s/api/v1/orders
                %s
                Press Ctrl-C to stop.
                """,
                (System.nanoTime() - started) / 1e9,
                platform.orderUrl(),
                platform.goodsUrl(),
                platform.inventoryUrl(),
                platform.nameServer(),
                platform.jdbcBaseUrl(),
                platform.logDir(),
                goods.stream()
                        .map(g -> g.id() + " " + g.name() + " (" + g.stock() + ")")
                        .toList(),
                userToken,
                adminToken,
                goods.getFirst().id(),
                platform.orderUrl(),
                platform.orderUrl(),
                traces == null
                        ? "Traces: add -Dplatform.tracing=true to see each order's trace in Zipkin."
                        : "Traces (Zipkin): " + traces.ui()
                                + "  every request is traced; an order's trace: search the tag"
                                + " messaging.rocketmq.message.keys=<orderSn>");
        stopped.await();
    }

    /** Zipkin's server on its usual port 9411 (another if that one is taken), before the services that report to it. */
    private static ZipkinCollector startTraceCollector(LocalPlatformOptions options) {
        int port = Ports.isFree(9411) ? 9411 : Ports.freePort();
        System.out.println("[platform] starting zipkin");
        return ZipkinCollector.start(
                options.launcherDir().resolve("services").resolve("zipkin-server-exec.jar"),
                port,
                options.workDir().resolve("logs").resolve("zipkin.log"),
                Duration.ofMinutes(2));
    }

    static LocalPlatformOptions apply(LocalPlatformOptions options, String arg) {
        if (arg.equals("--random-ports")) {
            return options.withRandomPorts();
        }
        if (arg.startsWith("--production-broker=")) {
            return switch (arg.substring("--production-broker=".length())) {
                case "true" -> options.withProductionLikeBroker();
                case "false" -> options;
                default -> throw new IllegalArgumentException("--production-broker takes true or false, not " + arg);
            };
        }
        if (arg.startsWith("--order-timeout=")) {
            String value = arg.substring("--order-timeout=".length());
            try {
                return options.withOrderTimeout(Duration.parse(value));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "--order-timeout takes an ISO-8601 duration such as PT30M or PT10S, not " + value);
            }
        }
        if (arg.startsWith("--work-dir=")) {
            return new LocalPlatformOptions(
                    Path.of(arg.substring("--work-dir=".length())),
                    options.launcherDir(),
                    options.orderTimeout(),
                    options.randomPorts(),
                    options.productionLikeBroker(),
                    options.serviceProperties(),
                    options.aotCache(),
                    options.jvmOptions());
        }
        if (arg.equals("--no-aot-cache")) {
            return options.withAotCache(LocalPlatformOptions.AotCacheMode.OFF);
        }
        throw new IllegalArgumentException("Unknown option " + arg
                + " (known: --order-timeout=PT30M, --work-dir=DIR, --random-ports, --no-aot-cache,"
                + " --production-broker=true, --tracing=true)");
    }

    /** The launcher jar sits in services/launcher/target next to lib/ and services/. */
    private static Path launcherTargetDir() {
        try {
            Path location = Path.of(LocalPlatformMain.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return location.getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
