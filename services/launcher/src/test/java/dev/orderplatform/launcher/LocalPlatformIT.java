package dev.orderplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local platform started from the packaged services, as the launcher and the benchmark start it (one platform for
 * all the checks: a start costs half a minute of CI).
 */
class LocalPlatformIT {

    private static final Path PROC = Path.of("/proc");
    private static final String TCP_LISTEN = "0A";

    private static final Map<Component, String> APPLICATION_CLASSES = Map.of(
            Component.GOODS, "dev.orderplatform.goods.GoodsApplication",
            Component.INVENTORY, "dev.orderplatform.inventory.InventoryApplication",
            Component.ORDER, "dev.orderplatform.order.OrderApplication");

    @TempDir
    static Path workDir;

    static LocalPlatform platform;

    static final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startPlatform() {
        Map<Component, List<String>> classLoadingLogs = new EnumMap<>(Component.class);
        APPLICATION_CLASSES
                .keySet()
                .forEach(service -> classLoadingLogs.put(
                        service, List.of("-Xlog:class+load=info:file=" + classLoadingLog(service))));
        platform = LocalPlatform.start(
                LocalPlatformOptions.defaults(workDir, Path.of("target"))
                        .withRandomPorts()
                        .withJvmOptions(classLoadingLogs),
                progress::add);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * The AOT caches that the build's training run wrote (phase package, {@link AotCacheTraining}) are the ones the
     * launched services start with: each service's own classes come from the cache ("source: shared objects file" in
     * the JVM's class loading log), not from its jars.
     */
    @Test
    void theLaunchedServicesLoadTheirClassesFromTheTrainedCache() throws IOException {
        // A JDK < 25 has no AOT cache, and a build with -Daot.training.skip=true trained none: nothing to check then.
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25+, this is " + Runtime.version());
        assumeFalse(Boolean.getBoolean("aot.training.skip"), "built with -Daot.training.skip=true");
        assertThat(progress).noneMatch(line -> line.contains("without AOT cache"));
        assertEachServiceLoaded("", " source: shared objects file", "loaded from the AOT cache");
    }

    /**
     * The services start from the bean definitions Spring AOT generated at build time (docs/development.md), not by
     * processing their configuration classes: each loads its generated context initializer.
     */
    @Test
    void theLaunchedServicesStartFromTheirSpringAotInitializers() throws IOException {
        assertThat(progress).noneMatch(line -> line.contains("without Spring AOT"));
        assertEachServiceLoaded("__ApplicationContextInitializer", " source:", "started with Spring AOT");
    }

    /**
     * Spring AOT built the services' contexts without Zipkin's auto-configuration (root {@code pom.xml}): a start
     * without span export creates no Zipkin sender, whose HTTP client would hold a thread in every service.
     */
    @Test
    void theLaunchedServicesCreateNoZipkinSender() throws IOException {
        assertEachServiceLoads(
                "org.springframework.boot.zipkin.autoconfigure.ZipkinHttpClientSender",
                false,
                "creates a Zipkin sender");
    }

    /**
     * The services serve requests on virtual threads ({@code spring.threads.virtual.enabled}, decided at build time by
     * Spring AOT): each one's Tomcat runs its virtual-thread executor.
     */
    @Test
    void theLaunchedServicesServeRequestsOnVirtualThreads() throws IOException {
        assertEachServiceLoads(
                "org.apache.tomcat.util.threads.VirtualThreadExecutor", true, "runs Tomcat's virtual-thread executor");
    }

    /** Whether each service's class loading log has the class (in a message of one line, not the whole log). */
    private static void assertEachServiceLoads(String className, boolean loaded, String meaning) throws IOException {
        for (Component service : APPLICATION_CLASSES.keySet()) {
            Path log = classLoadingLog(service);
            assertThat(Files.readString(log).contains(" " + className + " "))
                    .as("%s %s (%s)", service, meaning, log)
                    .isEqualTo(loaded);
        }
    }

    /**
     * Each service's class loading log has the line of {@code <application class><classSuffix><source>}: the class
     * was loaded, from that source.
     */
    private static void assertEachServiceLoaded(String classSuffix, String source, String meaning) throws IOException {
        for (Map.Entry<Component, String> service : APPLICATION_CLASSES.entrySet()) {
            Path log = classLoadingLog(service.getKey());
            assertThat(Files.readString(log).contains(service.getValue() + classSuffix + source))
                    .as("%s %s (%s)", service.getValue(), meaning, log)
                    .isTrue();
        }
    }

    /**
     * Every server listens on 127.0.0.1 only (this machine allows loopback traffic only): each TCP socket in state
     * LISTEN that a component's process, or a process it started (mysqld), holds open.
     */
    @Test
    void everyComponentListensOnLoopbackOnly() throws IOException {
        // Skips only where there is no Linux procfs (the sockets cannot be listed at all); on the project's Linux
        // machines and CI it is always there, so the check runs.
        assumeTrue(Files.isReadable(PROC.resolve("net/tcp")), "no /proc/net/tcp: cannot list listening sockets here");
        Map<Long, InetSocketEndpoint> listening = listeningSocketsByInode();
        List<String> owned = new ArrayList<>();
        List<String> notLoopback = new ArrayList<>();
        platform.processes()
                .forEach((component, handle) -> Stream.concat(Stream.of(handle), handle.descendants())
                        .forEach(process -> socketInodes(process.pid()).stream()
                                .map(listening::get)
                                .filter(Objects::nonNull)
                                .forEach(endpoint -> {
                                    String socket =
                                            component.processName() + " (pid " + process.pid() + ") on " + endpoint;
                                    owned.add(socket);
                                    if (!endpoint.isLoopback()) {
                                        notLoopback.add(socket);
                                    }
                                })));

        // At least as many sockets as components: fewer would mean the listing, not the binding, is broken.
        assertThat(owned).hasSizeGreaterThanOrEqualTo(Component.values().length);
        assertThat(notLoopback)
                .as("listening sockets not on 127.0.0.1 (all: %s)", owned)
                .isEmpty();
    }

    /**
     * The services' RocketMQ clients log to the services' own output at WARN (web-support's RocketMqClientLogging):
     * an order, with its half message, its end and its timer message, writes no file into the home directory. The
     * packaged order service used to pick rocketmq-tools' logging and write a line per order to
     * ~/logs/rocketmqlogs/tools_default.log.
     */
    @Test
    void anOrderWritesNoRocketMqLogFileIntoTheHomeDirectory() throws Exception {
        JwtTokens tokens = new JwtTokens(platform.jwtSecret().getBytes(StandardCharsets.UTF_8));
        String admin = tokens.issue("launcher-it-admin", List.of(Roles.ADMIN), Duration.ofMinutes(10));
        String user = tokens.issue("launcher-it-user", List.of(Roles.USER), Duration.ofMinutes(10));
        long goodsId = new DemoSeed(platform.goodsUrl(), platform.inventoryUrl(), admin)
                .seed()
                .getFirst()
                .id();

        assertThat(post(user, platform.orderUrl().resolve("/api/v1/cart/items"), """
                        {"goodsId": %d, "quantity": 1}""".formatted(goodsId)))
                .startsWith("201");
        assertThat(post(user, platform.orderUrl().resolve("/api/v1/orders"), """
                        {"address": "1 Main St", "name": "Launcher IT", "mobile": "13800000000"}"""))
                .startsWith("201");

        // The user.home that LocalPlatform gives every process; only a RocketMQ client's default logging writes there.
        Path home = workDir.resolve("home");
        if (Files.exists(home)) {
            try (Stream<Path> files = Files.walk(home)) {
                assertThat(files.filter(Files::isRegularFile).map(home::relativize))
                        .as("files under %s", home)
                        .isEmpty();
            }
        }
        // Nor at INFO in the service's own log: the client's line for each transactional send.
        assertThat(Files.readString(platform.logDir().resolve("order.log")))
                .doesNotContain("executeLocalTransactionBranch");
    }

    private static String post(String token, URI url, String json) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }
    }

    private static Path classLoadingLog(Component service) {
        return workDir.resolve(service.processName() + "-class-load.log");
    }

    /** The inodes of the sockets a process has open ({@code /proc/<pid>/fd/* -> socket:[inode]}). */
    private static List<Long> socketInodes(long pid) {
        List<Long> inodes = new ArrayList<>();
        try (Stream<Path> fds = Files.list(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
                    }
                } catch (NoSuchFileException closedMeanwhile) {
                    // a descriptor closed between the listing and the read: not a listening socket
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    /** The LISTEN rows of {@code /proc/net/tcp} and {@code /proc/net/tcp6}, by socket inode. */
    private static Map<Long, InetSocketEndpoint> listeningSocketsByInode() throws IOException {
        Map<Long, InetSocketEndpoint> listening = new HashMap<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = PROC.resolve(table);
            if (!Files.exists(file)) {
                continue; // a kernel without IPv6
            }
            List<String> rows = Files.readAllLines(file);
            for (String row : rows.subList(1, rows.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                String[] columns = row.trim().split("\\s+");
                if (columns[3].equals(TCP_LISTEN)) {
                    listening.put(Long.parseLong(columns[9]), InetSocketEndpoint.parse(columns[1]));
                }
            }
        }
        return listening;
    }

    /** A local address of /proc/net/tcp[6]: hex address, each 32-bit word in host (little-endian) order, ":" port. */
    private record InetSocketEndpoint(InetAddress address, int port) {

        static InetSocketEndpoint parse(String hex) {
            String[] parts = hex.split(":");
            byte[] words = HexFormat.of().parseHex(parts[0]);
            byte[] address = new byte[words.length];
            for (int word = 0; word < words.length; word += 4) {
                for (int i = 0; i < 4; i++) {
                    address[word + i] = words[word + 3 - i];
                }
            }
            try {
                // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) comes back as its IPv4 address.
                return new InetSocketEndpoint(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + hex, e);
            }
        }

        boolean isLoopback() {
            return address.getHostAddress().equals("127.0.0.1");
        }

        @Override
        public String toString() {
            return address.getHostAddress() + " port " + port;
        }
    }
}
