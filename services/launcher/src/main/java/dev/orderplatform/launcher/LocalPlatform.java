package dev.orderplatform.launcher;

import static dev.orderplatform.infra.support.Ports.freeBrokerPort;
import static dev.orderplatform.infra.support.Ports.freePort;

import dev.orderplatform.contracts.TimerLimits;
import dev.orderplatform.infra.support.Ports;
import dev.orderplatform.launcher.LocalPlatformOptions.AotCacheMode;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole platform on this machine, every component its own process on loopback: MariaDB, RocketMQ (name
 * server + broker), then goods, inventory and order, each started when what it needs is ready. Components can be
 * killed and restarted (chaos runs); {@link #close()} stops everything.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Pattern MARIADB_READY =
            Pattern.compile("MARIADB READY jdbc=(\\S+) user=(\\S+) password=(\\S+)");
    private static final Pattern ROCKETMQ_READY = Pattern.compile("ROCKETMQ READY namesrv=(\\S+)");
    private static final Duration INFRA_START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(3);
    /** A training run's JVM writes its AOT cache as it exits (JDK 25 forks a JVM that assembles it). */
    private static final Duration AOT_CACHE_WRITE_TIMEOUT = Duration.ofMinutes(3);

    private static final List<String> SCHEMAS = List.of("goods", "inventory", "orders");

    /**
     * Every service's JVM options, those of the images (the root pom's Jib jvmFlags): G1, and the heap an image takes
     * from the operator's default 1Gi memory limit (75 %).
     */
    static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx768m", "-XX:+UseG1GC");

    /**
     * Prefixes of the properties Spring Boot evaluates as conditions that this project sets at run time (which span
     * exporters exist; the benchmark's thread modes: whether the web server and task executors run virtual threads).
     * Spring AOT decided every condition when the service was built, with the service's own settings; a service given
     * one of these starts without Spring AOT.
     */
    static final List<String> BUILD_TIME_CONDITIONS = List.of(
            "management.tracing.export.", "management.opentelemetry.tracing.export.otlp.", "spring.threads.virtual.");

    private final LocalPlatformOptions options;
    private final Consumer<String> progress;
    private final PortPlan ports;
    private final String jwtSecret;
    private final Map<Component, ChildProcess> processes = new EnumMap<>(Component.class);
    private final Map<Component, Duration> startUpTimes = new EnumMap<>(Component.class);
    private final Set<Component> withAotCache = EnumSet.noneOf(Component.class);
    private String jdbcBaseUrl;
    private String dbUser;
    private String dbPassword;
    private String nameServer;

    private LocalPlatform(LocalPlatformOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
        this.ports = options.randomPorts() ? PortPlan.random() : PortPlan.documented();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.jwtSecret = HexFormat.of().formatHex(key);
    }

    /** Starts every component in order and returns once the order API is ready. */
    public static LocalPlatform start(LocalPlatformOptions options, Consumer<String> progress) {
        LocalPlatform platform = new LocalPlatform(options, progress);
        try {
            for (Component component : Component.values()) {
                platform.startComponent(component);
            }
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    public URI orderUrl() {
        return URI.create("http://127.0.0.1:" + ports.orderHttp());
    }

    public URI goodsUrl() {
        return URI.create("http://127.0.0.1:" + ports.goodsHttp());
    }

    public URI inventoryUrl() {
        return URI.create("http://127.0.0.1:" + ports.inventoryHttp());
    }

    public String nameServer() {
        return nameServer;
    }

    public String jdbcBaseUrl() {
        return jdbcBaseUrl;
    }

    /** The HS256 key the services verify tokens with: mint user and admin tokens with it. */
    public String jwtSecret() {
        return jwtSecret;
    }

    public Path logDir() {
        return options.workDir().resolve("logs");
    }

    /** The running process of each component (benchmarks read their CPU time and wait for them to exit). */
    public Map<Component, ProcessHandle> processes() {
        Map<Component, ProcessHandle> handles = new EnumMap<>(Component.class);
        processes.forEach((component, child) -> handles.put(component, child.handle()));
        return handles;
    }

    /** Every port this platform listens on, so that a caller can wait until they are free again after close. */
    public List<Integer> ports() {
        return List.of(
                ports.mariadb(),
                ports.nameServer(),
                ports.broker(),
                ports.goodsHttp(),
                ports.goodsGrpc(),
                ports.inventoryHttp(),
                ports.inventoryGrpc(),
                ports.orderHttp(),
                ports.orderGrpc());
    }

    /** How long each component took from its process start to ready (readiness probe UP), in its last start. */
    public Map<Component, Duration> startUpTimes() {
        return Map.copyOf(startUpTimes);
    }

    /** The services that were started with their AOT cache. */
    public Set<Component> startedWithAotCache() {
        return Set.copyOf(withAotCache);
    }

    /** kill -9 one component, as a crashed pod. */
    public void kill(Component component) {
        progress.accept("killing " + component.processName() + " (kill -9)");
        processes.get(component).kill();
    }

    /** Starts a killed or stopped component again on the same ports and data, and waits until it is ready. */
    public void restart(Component component) {
        ChildProcess child = processes.get(component);
        child.stop(Duration.ofSeconds(20));
        progress.accept("restarting " + component.processName());
        long started = System.nanoTime();
        child.start();
        awaitReady(component, child);
        startUpTimes.put(component, Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public void close() {
        List<Component> reverse = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(reverse);
        if (options.aotCache() == AotCacheMode.TRAIN) {
            // Each service JVM assembles its AOT cache as it exits: let the three do it side by side.
            reverse.stream()
                    .filter(Component.SERVICES::contains)
                    .forEach(service -> processes.get(service).signalStop());
        }
        for (Component component : reverse) {
            // The broker's own shutdown takes 12-20 s; its store is on disk either way.
            processes.get(component).stop(stopGrace(component));
        }
        processes.clear();
    }

    private void startComponent(Component component) {
        progress.accept("starting " + component.processName());
        long started = System.nanoTime();
        ChildProcess child = ChildProcess.start(
                component.processName(),
                command(component),
                environment(component),
                logDir().resolve(component.processName() + ".log"));
        processes.put(component, child);
        awaitReady(component, child);
        Duration startUp = Duration.ofNanos(System.nanoTime() - started);
        startUpTimes.put(component, startUp);
        progress.accept(String.format(
                "%s ready in %.1f s (pid %d)", component.processName(), startUp.toNanos() / 1e9, child.pid()));
    }

    private Duration stopGrace(Component component) {
        return switch (component) {
            case ROCKETMQ -> Duration.ofSeconds(5);
            case MARIADB -> Duration.ofSeconds(20);
            case GOODS, INVENTORY, ORDER ->
                options.aotCache() == AotCacheMode.TRAIN ? AOT_CACHE_WRITE_TIMEOUT : Duration.ofSeconds(20);
        };
    }

    private void awaitReady(Component component, ChildProcess child) {
        switch (component) {
            case MARIADB -> {
                Matcher ready = child.awaitLine(MARIADB_READY, INFRA_START_TIMEOUT);
                jdbcBaseUrl = ready.group(1);
                dbUser = ready.group(2);
                dbPassword = ready.group(3);
                createSchemas();
            }
            case ROCKETMQ ->
                nameServer =
                        child.awaitLine(ROCKETMQ_READY, INFRA_START_TIMEOUT).group(1);
            case GOODS -> child.awaitHttpOk(readiness(ports.goodsHttp()), SERVICE_START_TIMEOUT);
            case INVENTORY -> child.awaitHttpOk(readiness(ports.inventoryHttp()), SERVICE_START_TIMEOUT);
            case ORDER -> child.awaitHttpOk(readiness(ports.orderHttp()), SERVICE_START_TIMEOUT);
        }
    }

    private List<String> command(Component component) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = launcherJar().toString();
        Path work = options.workDir();
        List<String> command =
                new ArrayList<>(List.of(java, "-XX:+ExitOnOutOfMemoryError", "-Duser.home=" + work.resolve("home")));
        switch (component) {
            case MARIADB ->
                command.addAll(List.of(
                        "-Xmx128m",
                        "-cp",
                        classpath,
                        "dev.orderplatform.infra.mariadb.MariaDbServerMain",
                        "--work-dir",
                        work.resolve("mariadb").toString(),
                        "--port",
                        String.valueOf(ports.mariadb())));
            case ROCKETMQ ->
                command.addAll(List.of(
                        "-Xmx1g",
                        "-XX:MaxDirectMemorySize=256m",
                        "-Dtls.server.mode=disabled",
                        "-cp",
                        classpath,
                        "dev.orderplatform.infra.rocketmq.RocketMqServerMain",
                        "--work-dir",
                        work.resolve("rocketmq").toString(),
                        "--namesrv-port",
                        String.valueOf(ports.nameServer()),
                        "--broker-port",
                        String.valueOf(ports.broker()),
                        "--settings",
                        options.productionLikeBroker() ? "production" : "fast",
                        "--timer-max-delay",
                        timerMaxDelay().toString()));
            case GOODS, INVENTORY, ORDER -> {
                ServicePackage service = ServicePackage.in(options.launcherDir(), component);
                command.addAll(SERVICE_JVM_OPTIONS);
                command.addAll(options.jvmOptions().getOrDefault(component, List.of()));
                command.addAll(aotCacheOptions(component, service));
                command.addAll(springAotOptions(component, service));
                // The extracted jar, not the executable one: the class path the AOT cache was trained on.
                command.addAll(List.of("-jar", service.applicationJar().toString()));
                options.serviceProperties()
                        .getOrDefault(component, Map.of())
                        .forEach((key, value) -> command.add("--" + key + "=" + value));
            }
        }
        return command;
    }

    private List<String> springAotOptions(Component component, ServicePackage service) {
        Optional<String> condition =
                buildTimeCondition(options.serviceProperties().getOrDefault(component, Map.of()));
        condition.ifPresent(key -> progress.accept(service.name() + " starts without Spring AOT: " + key
                + " decides beans, and Spring AOT decided them at build time"));
        return condition.isPresent() ? List.of() : List.of("-Dspring.aot.enabled=true");
    }

    /** The first of {@code properties} that Spring AOT would ignore ({@link #BUILD_TIME_CONDITIONS}), if any. */
    static Optional<String> buildTimeCondition(Map<String, String> properties) {
        return properties.keySet().stream()
                .filter(key -> BUILD_TIME_CONDITIONS.stream().anyMatch(key::startsWith))
                .sorted()
                .findFirst();
    }

    private List<String> aotCacheOptions(Component component, ServicePackage service) {
        return switch (options.aotCache()) {
            case OFF -> List.of();
            case TRAIN -> List.of("-XX:AOTCacheOutput=" + service.aotCache());
            case USE -> {
                Optional<String> unusable = service.cacheUnusableReason();
                if (unusable.isPresent()) {
                    progress.accept(service.name() + " starts without AOT cache: " + unusable.get());
                    yield List.of();
                }
                withAotCache.add(component);
                yield List.of("-XX:AOTCache=" + service.aotCache());
            }
        };
    }

    /** Services are configured as on Kubernetes: through environment variables (see the operator). */
    private Map<String, String> environment(Component component) {
        Map<String, String> env = new HashMap<>();
        switch (component) {
            case MARIADB, ROCKETMQ -> {
                return env;
            }
            case GOODS -> {
                env.put("SERVER_PORT", String.valueOf(ports.goodsHttp()));
                env.put("SPRING_GRPC_SERVER_PORT", String.valueOf(ports.goodsGrpc()));
            }
            case INVENTORY -> {
                env.put("SERVER_PORT", String.valueOf(ports.inventoryHttp()));
                env.put("SPRING_GRPC_SERVER_PORT", String.valueOf(ports.inventoryGrpc()));
            }
            case ORDER -> {
                env.put("SERVER_PORT", String.valueOf(ports.orderHttp()));
                env.put("SPRING_GRPC_SERVER_PORT", String.valueOf(ports.orderGrpc()));
                env.put("ORDERPLATFORM_ORDER_TIMEOUT", options.orderTimeout().toString());
                env.put(
                        "ORDERPLATFORM_ROCKETMQ_TIMER_MAX_DELAY",
                        timerMaxDelay().toString());
                env.put("ORDERPLATFORM_GOODS_GRPC_ADDRESS", "127.0.0.1:" + ports.goodsGrpc());
                env.put("ORDERPLATFORM_INVENTORY_GRPC_ADDRESS", "127.0.0.1:" + ports.inventoryGrpc());
            }
        }
        // Loopback only, as everything on this machine; in a pod (the operator's resources) they bind all interfaces.
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SPRING_GRPC_SERVER_ADDRESS", "127.0.0.1");
        String schema = component == Component.ORDER ? "orders" : component.processName();
        env.put("SPRING_DATASOURCE_URL", jdbcBaseUrl + schema);
        env.put("SPRING_DATASOURCE_USERNAME", dbUser);
        env.put("SPRING_DATASOURCE_PASSWORD", dbPassword);
        env.put("ORDERPLATFORM_ROCKETMQ_NAME_SERVER", nameServer);
        env.put("ORDERPLATFORM_JWT_SECRET", jwtSecret);
        return env;
    }

    /** The broker's longest timer delay, and what the order service is told it is: the same value. */
    private Duration timerMaxDelay() {
        return TimerLimits.brokerTimerMaxDelay(options.orderTimeout());
    }

    private void createSchemas() {
        try (Connection connection = DriverManager.getConnection(jdbcBaseUrl, dbUser, dbPassword);
                Statement statement = connection.createStatement()) {
            for (String schema : SCHEMAS) {
                statement.execute("CREATE DATABASE IF NOT EXISTS " + schema);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the service schemas on " + jdbcBaseUrl, e);
        }
    }

    /** The launcher jar: its manifest puts lib/ on the classpath, with the Netty the broker is tested on. */
    private Path launcherJar() {
        try (var files = java.nio.file.Files.list(options.launcherDir())) {
            return files.filter(file -> file.getFileName().toString().matches("launcher-[^-].*(?<!-sources)\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No launcher jar in " + options.launcherDir()
                            + ": build it first (./mvnw -B -Pplatform verify)"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static URI readiness(int port) {
        return URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    }

    /** Ports of one run; kept across restarts so that clients and the broker's routes stay valid. */
    record PortPlan(
            int mariadb,
            int nameServer,
            int broker,
            int goodsHttp,
            int goodsGrpc,
            int inventoryHttp,
            int inventoryGrpc,
            int orderHttp,
            int orderGrpc) {

        /** The services on the ports docs/architecture.md documents; the database and broker on free ports. */
        static PortPlan documented() {
            return new PortPlan(freePort(), freePort(), freeBrokerPort(), 8081, 9091, 8082, 9092, 8080, 9090);
        }

        static PortPlan random() {
            return random(freeBrokerPort(), Ports::freePort);
        }

        /**
         * Every port from {@code freePorts} but the broker's, all different: each draw is free when it is made, but
         * two draws can return the same port (a startup benchmark's goods service once got one port for HTTP and
         * gRPC), and none may be the broker's second port ({@code broker - 2}, its fast remoting server).
         */
        static PortPlan random(int broker, IntSupplier freePorts) {
            Set<Integer> taken = new HashSet<>(List.of(broker, broker - 2));
            int[] ports = new int[8];
            for (int i = 0; i < ports.length; i++) {
                int port;
                do {
                    port = freePorts.getAsInt();
                } while (!taken.add(port));
                ports[i] = port;
            }
            return new PortPlan(ports[0], ports[1], broker, ports[2], ports[3], ports[4], ports[5], ports[6], ports[7]);
        }
    }
}
