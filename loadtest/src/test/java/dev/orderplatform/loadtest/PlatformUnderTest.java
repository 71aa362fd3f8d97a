package dev.orderplatform.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.orderplatform.launcher.Component;
import dev.orderplatform.launcher.LocalPlatform;
import dev.orderplatform.launcher.LocalPlatformOptions;
import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;

/**
 * What the simulation loads: an external platform given by its URLs and JWT key, or a local platform (every component
 * its own process on loopback) that this class starts and stops.
 */
final class PlatformUnderTest implements AutoCloseable {

    private final String orderUrl;
    private final String goodsUrl;
    private final String inventoryUrl;
    private final JwtTokens tokens;
    private final String adminToken;
    private final LocalPlatform local;
    private boolean closed;

    private PlatformUnderTest(String orderUrl, String goodsUrl, String inventoryUrl, String jwtSecret,
                              LocalPlatform local) {
        this.orderUrl = orderUrl;
        this.goodsUrl = goodsUrl;
        this.inventoryUrl = inventoryUrl;
        this.tokens = new JwtTokens(jwtSecret.getBytes(StandardCharsets.UTF_8));
        this.adminToken = tokens.issue("loadtest-admin", List.of(Roles.ADMIN), Duration.ofHours(12));
        this.local = local;
    }

    static PlatformUnderTest connect(LoadSettings settings) {
        if (settings.external()) {
            return new PlatformUnderTest(settings.baseUrl(), settings.goodsUrl(), settings.inventoryUrl(),
                    settings.jwtSecret(), null);
        }
        Path servicesDir = servicesDir(settings);
        Path workDir = settings.workDir();
        deleteRecursively(workDir);
        LocalPlatformOptions options = LocalPlatformOptions.defaults(workDir, servicesDir)
                .withRandomPorts()
                .withOrderTimeout(settings.orderTimeout());
        if (!settings.protocolMode().equals("consistent")) {
            options = options.withServiceProperties(Map.of(Component.ORDER,
                    Map.of(LoadSettings.PROTOCOL_MODE_PROPERTY, settings.protocolMode())));
        }
        long started = System.nanoTime();
        LocalPlatformOptions startOptions = options;
        LocalPlatform platform = withInfraClasspath(settings,
                () -> LocalPlatform.start(startOptions, line -> System.out.println("[platform] " + line)));
        System.out.printf("[platform] ready in %.1f s: order %s, goods %s, inventory %s; logs in %s%n",
                (System.nanoTime() - started) / 1e9, platform.orderUrl(), platform.goodsUrl(), platform.inventoryUrl(),
                platform.logDir());
        return new PlatformUnderTest(strip(platform.orderUrl().toString()), strip(platform.goodsUrl().toString()),
                strip(platform.inventoryUrl().toString()), platform.jwtSecret(), platform);
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

    /**
     * Runs an action that may start MariaDB or RocketMQ child processes. LocalPlatform starts them with this JVM's
     * {@code java.class.path}; Gatling's JVM has Gatling's Netty 4.2 on it, while the broker needs the launcher's
     * own classpath (infra-kit pins Netty 4.1 for RocketMQ). So, while the action runs, the class path the children
     * see is the launcher jar (its manifest lists its lib/), or {@code -Dloadtest.infraClasspath}.
     */
    static <T> T withInfraClasspath(LoadSettings settings, java.util.function.Supplier<T> action) {
        String own = System.getProperty("java.class.path");
        String infra = infraClasspath(settings);
        synchronized (PlatformUnderTest.class) {
            if (infra != null) {
                System.setProperty("java.class.path", infra);
            }
            try {
                return action.get();
            } finally {
                System.setProperty("java.class.path", own);
            }
        }
    }

    private static String infraClasspath(LoadSettings settings) {
        String explicit = LoadSettings.text("loadtest.infraClasspath", null);
        if (explicit != null) {
            return explicit;
        }
        Path launcherTarget = settings.servicesDir().getParent();
        if (launcherTarget == null || !Files.isDirectory(launcherTarget.resolve("lib"))) {
            return null;
        }
        try (Stream<Path> files = Files.list(launcherTarget)) {
            return files.filter(file -> file.getFileName().toString().matches("launcher-.*\\.jar"))
                    .filter(file -> !file.getFileName().toString().endsWith("-sources.jar"))
                    .map(Path::toString).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** kill -9 one component of the local platform. */
    void kill(Component component) {
        local.kill(component);
    }

    /** Restarts a component of the local platform (same ports and data) and waits until it is ready. */
    void restart(Component component, LoadSettings settings) {
        withInfraClasspath(settings, () -> {
            local.restart(component);
            return null;
        });
    }

    /** The local platform, for chaos runs (kill -9 and restart); empty for an external one. */
    Optional<LocalPlatform> local() {
        return Optional.ofNullable(local);
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
            System.out.println("[platform] stopped");
        }
    }

    /** The services' executable jars: as the launcher module copies them, or wherever -Dloadtest.servicesDir says. */
    private static Path servicesDir(LoadSettings settings) {
        Path dir = settings.servicesDir();
        List<String> missing = Stream.of("goods.jar", "inventory.jar", "order.jar")
                .filter(jar -> !Files.isRegularFile(dir.resolve(jar))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The local platform needs the services' jars " + missing + " in " + dir
                    + ": build them first (./mvnw -B -Pmain-job verify builds everything), or point "
                    + "-Dloadtest.servicesDir at them, or run against a platform with -DbaseUrl=...");
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
