package dev.orderplatform.loadtest;

import dev.orderplatform.infra.support.Ports;
import dev.orderplatform.infra.zipkin.ZipkinCollector;
import dev.orderplatform.launcher.Component;
import dev.orderplatform.launcher.LocalPlatform;
import dev.orderplatform.launcher.LocalPlatformOptions;
import dev.orderplatform.launcher.LocalPlatformOptions.AotCacheMode;
import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the simulation loads: an external platform given by its URLs and JWT key, or a local platform (every component
 * its own process on loopback) that this class starts and stops.
 */
final class PlatformUnderTest implements AutoCloseable {

    /*
     * A kill -9 during an order's local transaction can outlast the local broker's check-back window (15 checks,
     * 1 s apart): the broker then discards the half message and the deduction is left without an order (A11). In
     * production the reconciliation returns it after a 30 min grace; a chaos run is over long before that, so its
     * order service reconciles with a grace still well beyond that window.
     */
    private static final Map<String, String> CHAOS_RECONCILIATION =
            Map.of("orderplatform.reconciliation.grace", "45s", "orderplatform.reconciliation.interval", "10s");

    /**
     * The benchmark mode that measures tracing's overhead: the reliable protocol with every service tracing at its
     * default sampling (0.1) and exporting to a real collector, Zipkin's server (docs/observability.md); compare it
     * with {@code -Dmodes=reliable,reliable-traced -DreferenceMode=reliable}.
     */
    static final String TRACED_MODE = "reliable-traced";

    /**
     * The benchmark modes that run the reliable protocol with the three services' request threads chosen: Spring Boot's
     * {@code spring.threads.virtual.enabled} (Tomcat's executor, the task executors and schedulers). Spring AOT decides
     * that at build time, so both start without it ({@code LocalPlatform.BUILD_TIME_CONDITIONS}) and differ in the
     * threads only; compare them with {@code -Dmodes=reliable-platform-threads,reliable-virtual-threads
     * -DreferenceMode=reliable-platform-threads}.
     */
    static final Map<String, String> THREAD_MODES =
            Map.of("reliable-platform-threads", "false", "reliable-virtual-threads", "true");

    private static final Map<Component, String> ROLES = Map.of(
            Component.MARIADB,
            "database",
            Component.ROCKETMQ,
            "broker+nameserver",
            Component.GOODS,
            "goods",
            Component.INVENTORY,
            "inventory",
            Component.ORDER,
            "order");

    private final String orderUrl;
    private final String goodsUrl;
    private final String inventoryUrl;
    private final JwtTokens tokens;
    private final String adminToken;
    private final LocalPlatform local;
    /** The trace collector of the {@value #TRACED_MODE} mode. */
    private final ZipkinCollector traces;

    private boolean closed;

    private PlatformUnderTest(
            String orderUrl,
            String goodsUrl,
            String inventoryUrl,
            String jwtSecret,
            LocalPlatform local,
            ZipkinCollector traces) {
        this.orderUrl = orderUrl;
        this.goodsUrl = goodsUrl;
        this.inventoryUrl = inventoryUrl;
        this.tokens = new JwtTokens(jwtSecret.getBytes(StandardCharsets.UTF_8));
        this.adminToken = tokens.issue("loadtest-admin", List.of(Roles.ADMIN), Duration.ofHours(12));
        this.local = local;
        this.traces = traces;
    }

    static PlatformUnderTest connect(LoadSettings settings) {
        if (settings.external()) {
            return external(settings.baseUrl(), settings.goodsUrl(), settings.inventoryUrl(), settings.jwtSecret());
        }
        return startLocal(settings, settings.protocolMode(), settings.workDir());
    }

    /** A platform running elsewhere: its order, goods and inventory APIs and the key its tokens are signed with. */
    static PlatformUnderTest external(String orderUrl, String goodsUrl, String inventoryUrl, String jwtSecret) {
        return new PlatformUnderTest(orderUrl, goodsUrl, inventoryUrl, jwtSecret, null, null);
    }

    /**
     * A fresh local platform in the given {@link PlatformMode} (its order service's protocol, its services' JVM
     * options), its data and logs in workDir; the services start with their AOT cache where it matches this JVM (the
     * launcher says so where not).
     */
    static PlatformUnderTest startLocal(LoadSettings settings, String mode, Path workDir) {
        return startLocal(settings, mode, workDir, AotCacheMode.USE);
    }

    /** As {@link #startLocal(LoadSettings, String, Path)}, with or without the services' AOT caches. */
    static PlatformUnderTest startLocal(LoadSettings settings, String mode, Path workDir, AotCacheMode aot) {
        PlatformMode platformMode = PlatformMode.parse(mode);
        String protocolMode = platformMode.name();
        Path launcherDir = launcherDir(settings);
        deleteRecursively(workDir);
        LocalPlatformOptions options = LocalPlatformOptions.defaults(workDir, launcherDir)
                .withRandomPorts()
                .withOrderTimeout(settings.orderTimeout())
                .withAotCache(aot);
        // What the mode sets in every service, then what it sets in the order service alone.
        Map<String, String> everyService = new HashMap<>();
        Map<String, String> orderProperties = new HashMap<>();
        ZipkinCollector traces = null;
        if (protocolMode.equals(TRACED_MODE)) {
            traces = ZipkinCollector.start(
                    launcherDir.resolve("services").resolve("zipkin-server-exec.jar"),
                    Ports.freePort(),
                    workDir.resolve("logs").resolve("zipkin.log"),
                    Duration.ofMinutes(2));
            everyService.putAll(traces.exportProperties());
        } else if (THREAD_MODES.containsKey(protocolMode)) {
            everyService.put("spring.threads.virtual.enabled", THREAD_MODES.get(protocolMode));
        } else if (!protocolMode.equals("reliable")) {
            orderProperties.put(LoadSettings.PROTOCOL_MODE_PROPERTY, protocolMode);
        }
        if (settings.chaos()) {
            orderProperties.putAll(CHAOS_RECONCILIATION);
        }
        orderProperties.putAll(everyService);
        Map<Component, Map<String, String>> serviceProperties = new EnumMap<>(Component.class);
        if (!everyService.isEmpty()) {
            serviceProperties.put(Component.GOODS, everyService);
            serviceProperties.put(Component.INVENTORY, everyService);
        }
        if (!orderProperties.isEmpty()) {
            serviceProperties.put(Component.ORDER, orderProperties);
        }
        if (!serviceProperties.isEmpty()) {
            options = options.withServiceProperties(serviceProperties);
        }
        List<String> serviceJvmOptions = new ArrayList<>(settings.serviceJvmOptions());
        serviceJvmOptions.addAll(platformMode.jvmOptions());
        if (!serviceJvmOptions.isEmpty()) {
            Map<Component, List<String>> jvmOptions = new EnumMap<>(Component.class);
            for (Component service : Component.SERVICES) {
                jvmOptions.put(service, serviceJvmOptions);
            }
            options = options.withJvmOptions(jvmOptions);
        }
        if (settings.benchmark()) {
            // Measure what ships: the test preset's check-back of every half message older than 1 s turns a
            // saturated platform's slow orders into a storm of check-backs the operator's broker would not send.
            options = options.withProductionLikeBroker();
        }
        long started = System.nanoTime();
        LocalPlatformOptions startOptions = options;
        LocalPlatform platform;
        try {
            platform = LocalPlatform.start(startOptions, line -> System.out.println("[platform] " + line));
        } catch (RuntimeException e) {
            if (traces != null) {
                traces.close();
            }
            throw e;
        }
        System.out.printf(
                "[platform] ready in %.1f s: order %s, goods %s, inventory %s; logs in %s%n",
                (System.nanoTime() - started) / 1e9,
                platform.orderUrl(),
                platform.goodsUrl(),
                platform.inventoryUrl(),
                platform.logDir());
        return new PlatformUnderTest(
                strip(platform.orderUrl().toString()),
                strip(platform.goodsUrl().toString()),
                strip(platform.inventoryUrl().toString()),
                platform.jwtSecret(),
                platform,
                traces);
    }

    String orderUrl() {
        return orderUrl;
    }

    String goodsUrl() {
        return goodsUrl;
    }

    String inventoryUrl() {
        return inventoryUrl;
    }

    String adminToken() {
        return adminToken;
    }

    String userToken(String userId) {
        return tokens.issue(userId, List.of(Roles.USER), Duration.ofHours(12));
    }

    /** kill -9 one component of the local platform. */
    void kill(Component component) {
        local.kill(component);
    }

    /** Restarts a component of the local platform (same ports and data) and waits until it is ready. */
    void restart(Component component) {
        local.restart(component);
    }

    /** The local platform, for chaos runs (kill -9 and restart); empty for an external one. */
    Optional<LocalPlatform> local() {
        return Optional.ofNullable(local);
    }

    /**
     * The processes of the local platform by role, each with its descendants (the database's launcher JVM starts
     * mysqld), for CPU accounting; empty for an external platform.
     */
    Map<String, List<ProcessHandle>> processes() {
        Map<String, List<ProcessHandle>> byRole = new LinkedHashMap<>();
        if (local != null) {
            local.processes()
                    .forEach((component, handle) -> byRole.put(
                            ROLES.get(component),
                            Stream.concat(Stream.of(handle), handle.descendants())
                                    .toList()));
        }
        return byRole;
    }

    /**
     * Stops the local platform and returns once all its processes (children included) have exited and its ports
     * accept a bind again, so that the next platform does not share the machine with the remains of this one.
     */
    void closeAndAwaitGone(Duration timeout) {
        if (local == null) {
            return;
        }
        List<ProcessHandle> all =
                processes().values().stream().flatMap(List::stream).toList();
        List<Integer> ports = local.ports();
        close();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (all.stream().anyMatch(ProcessHandle::isAlive) || !ports.stream().allMatch(PlatformUnderTest::free)) {
            if (System.nanoTime() > deadline) {
                all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                throw new IllegalStateException(
                        "The platform's processes or ports were still in use " + timeout + " after it was stopped");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for the platform to stop", e);
            }
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    String describe() {
        return local != null ? "local platform (logs " + local.logDir() + ")" : orderUrl;
    }

    @Override
    public synchronized void close() {
        if (local != null && !closed) {
            closed = true;
            System.out.println("[platform] stopping");
            local.close();
            if (traces != null) {
                traces.close();
            }
            System.out.println("[platform] stopped");
        }
    }

    /** The launcher's build output (its jar, lib/ and the services' jars), or wherever -Dloadtest.launcherDir says. */
    private static Path launcherDir(LoadSettings settings) {
        Path dir = settings.launcherDir();
        // As the launcher's build extracts them (services/<name>/<name>.jar with lib/).
        List<String> missing = Stream.of("goods", "inventory", "order")
                .map(name -> name + "/" + name + ".jar")
                .filter(jar -> !Files.isRegularFile(dir.resolve("services").resolve(jar)))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "The local platform needs the services' jars " + missing + " in " + dir
                            + ": build them first (./mvnw -B -Pmain-job verify builds everything), or point "
                            + "-Dloadtest.launcherDir at the launcher's target directory, or run against a platform with -DbaseUrl=...");
        }
        return dir;
    }

    private static String strip(String url) {
        return url.replaceAll("/+$", "");
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the platform work directory " + dir, e);
        }
    }
}
