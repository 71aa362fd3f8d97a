package dev.orderplatform.infra.junit;

import dev.orderplatform.infra.mariadb.EmbeddedMariaDb;
import dev.orderplatform.infra.rocketmq.EmbeddedRocketMq;
import dev.orderplatform.infra.rocketmq.RocketMqSettings;
import dev.orderplatform.infra.support.MoreFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One RocketMQ (name server + broker, {@link RocketMqSettings#fastForTests()}) and one MariaDB per test JVM,
 * shared by all test classes, started on first use and stopped when the JVM exits. Thread-safe: test classes
 * may run in parallel. Tests isolate themselves by their data (unique order numbers, goods ids, topics or
 * consumer groups) or by a schema of their own.
 *
 * <p>Work directory: {@code ${orderplatform.work.dir}/jvm-<pid>} (the root pom's surefire configuration sets
 * {@code orderplatform.work.dir} to {@code target/infra}; default {@code target/infra}). Each JVM starts from an
 * empty directory; directories of JVMs that no longer run are deleted. RocketMQ logs go to
 * {@code ${user.home}/logs/rocketmqlogs/rocketmq.log} (surefire sets {@code user.home} to {@code target/home}),
 * the MariaDB log to {@code <work dir>/mariadb/mariadbd.err}.
 *
 * <p>Use it through {@link WithPlatformInfrastructure} or directly:
 * <pre>{@code
 * @SpringBootTest
 * @WithPlatformInfrastructure
 * class StockReturnTest {
 *     @DynamicPropertySource
 *     static void infrastructure(DynamicPropertyRegistry registry) {
 *         PlatformInfrastructure.shared().registerSpringProperties(registry, "inventory");
 *     }
 * }
 * }</pre>
 *
 * <p>The servers stop in a JVM shutdown hook rather than when JUnit finishes: Spring's test context cache closes
 * its application contexts in a shutdown hook too, and they must not find their database and broker gone while
 * they still run. This JVM also lowers the RocketMQ client's rebalance interval
 * ({@code rocketmq.client.rebalance.waitInterval}, 20 s by default) to 1 s unless it is set, so that new
 * consumers and their retry topics are ready quickly.
 */
public final class PlatformInfrastructure {

    /** System property naming the base work directory. */
    public static final String WORK_DIR_PROPERTY = "orderplatform.work.dir";
    /** Spring property with the name server address that the services read. */
    public static final String NAME_SERVER_PROPERTY = "orderplatform.rocketmq.name-server";

    private static final Logger log = LoggerFactory.getLogger(PlatformInfrastructure.class);
    private static final Object LOCK = new Object();
    private static volatile PlatformInfrastructure shared;
    private static volatile RuntimeException startFailure;

    private final Path workDir;
    private final EmbeddedRocketMq rocketMq;
    private final EmbeddedMariaDb mariaDb;

    private PlatformInfrastructure(Path workDir, EmbeddedRocketMq rocketMq, EmbeddedMariaDb mariaDb) {
        this.workDir = workDir;
        this.rocketMq = rocketMq;
        this.mariaDb = mariaDb;
    }

    /**
     * The JVM's shared infrastructure, started (broker and database in parallel, 2-3 s) on the first call.
     * If starting failed, every later call fails the same way rather than trying again.
     */
    // The start failure is kept in a static field on purpose: later callers fail fast with the first cause.
    @SuppressWarnings("StaticAssignmentOfThrowable")
    public static PlatformInfrastructure shared() {
        PlatformInfrastructure current = shared;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            if (startFailure != null) {
                throw new IllegalStateException(
                        "the shared test infrastructure failed to start earlier in this JVM", startFailure);
            }
            try {
                shared = startShared();
                return shared;
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
    }

    /** The shared broker. */
    public EmbeddedRocketMq rocketMq() {
        return rocketMq;
    }

    /** The shared database server. */
    public EmbeddedMariaDb mariaDb() {
        return mariaDb;
    }

    /** This JVM's work directory. */
    public Path workDir() {
        return workDir;
    }

    /**
     * Creates the schema if needed and registers {@code spring.datasource.url}, {@code spring.datasource.username},
     * {@code spring.datasource.password} for it and {@value #NAME_SERVER_PROPERTY}; call it from a
     * {@code @DynamicPropertySource} method.
     */
    public void registerSpringProperties(DynamicPropertyRegistry registry, String schema) {
        mariaDb.createSchema(schema);
        String url = mariaDb.jdbcUrl(schema);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", mariaDb::username);
        registry.add("spring.datasource.password", mariaDb::password);
        registry.add(NAME_SERVER_PROPERTY, rocketMq::nameServerAddress);
    }

    @Override
    public String toString() {
        return "PlatformInfrastructure[" + rocketMq + ", " + mariaDb + "]";
    }

    private static PlatformInfrastructure startShared() {
        long started = System.nanoTime();
        if (System.getProperty("rocketmq.client.rebalance.waitInterval") == null) {
            System.setProperty("rocketmq.client.rebalance.waitInterval", "1000");
        }
        Path base = Path.of(System.getProperty(WORK_DIR_PROPERTY, "target/infra"))
                .toAbsolutePath()
                .normalize();
        Path workDir = base.resolve("jvm-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(base);
            deleteDirectoriesOfDeadJvms(base);
            MoreFiles.deleteRecursively(workDir);
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + workDir, e);
        }
        CompletableFuture<EmbeddedMariaDb> database =
                CompletableFuture.supplyAsync(() -> EmbeddedMariaDb.start(workDir.resolve("mariadb")));
        EmbeddedRocketMq rocketMq;
        try {
            rocketMq = EmbeddedRocketMq.start(RocketMqSettings.fastForTests(), workDir.resolve("rocketmq"));
            rocketMq.createPlatformTopics();
        } catch (RuntimeException e) {
            var unused = database.thenAccept(EmbeddedMariaDb::close); // best effort: the broker's failure is thrown
            throw e;
        }
        EmbeddedMariaDb mariaDb;
        try {
            mariaDb = database.join();
        } catch (CompletionException e) {
            rocketMq.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            rocketMq.close();
                            mariaDb.close();
                        },
                        "platform-infrastructure-shutdown"));
        log.info(
                "shared test infrastructure ready in {} ms: RocketMQ {}, MariaDB {} ({}), work dir {}",
                (System.nanoTime() - started) / 1_000_000,
                rocketMq.nameServerAddress(),
                mariaDb.baseJdbcUrl(),
                mariaDb.kind(),
                workDir);
        return new PlatformInfrastructure(workDir, rocketMq, mariaDb);
    }

    private static void deleteDirectoriesOfDeadJvms(Path base) throws IOException {
        try (Stream<Path> children = Files.list(base)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (!name.startsWith("jvm-")) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name.substring(4));
                    if (pid != ProcessHandle.current().pid()
                            && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    MoreFiles.deleteRecursively(child);
                } catch (NumberFormatException ignored) {
                    // not ours
                }
            }
        }
    }
}
