package dev.orderplatform.infra.mariadb;

import dev.orderplatform.infra.support.Args;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedMariaDb} as a process of its own, for the local launcher.
 *
 * <p>Options: {@code --work-dir DIR} (required; data, logs and credentials, kept between runs) and
 * {@code --port P} (default 0: a free port). Prints exactly one line to standard output when the server accepts
 * connections:
 * <pre>MARIADB READY jdbc=jdbc:mariadb://127.0.0.1:&lt;port&gt;/ user=&lt;user&gt; password=&lt;password&gt;</pre>
 * and stops the server on SIGTERM (or SIGINT). Restarting with the same work directory and port keeps the data
 * and the credentials. On failure it prints {@code MARIADB FAILED <reason>} to standard error and exits with 1.
 */
public final class MariaDbServerMain {

    private MariaDbServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMariaDb db;
        try {
            Args options = Args.parse(args, Set.of("work-dir", "port"));
            Path workDir = Path.of(options.require("work-dir")).toAbsolutePath();
            db = EmbeddedMariaDb.start(workDir, options.intValue("port", 0));
        } catch (RuntimeException e) {
            System.err.println("MARIADB FAILED " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedMariaDb server = db;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "mariadb-main-shutdown"));
        System.out.println(
                "MARIADB READY jdbc=" + db.baseJdbcUrl() + " user=" + db.username() + " password=" + db.password());
        System.out.flush();
        stopped.await();
    }
}
