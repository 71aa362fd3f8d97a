package dev.orderplatform.infra.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.infra.support.MoreFiles;
import dev.orderplatform.infra.support.Ports;
import dev.orderplatform.infra.testing.ChildJvm;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MariaDbServerMainTest {

    private static final Pattern READY = Pattern.compile("MARIADB READY jdbc=(\\S+) user=(\\S+) password=(\\S+)");

    @Test
    void printsReadyAndKeepsDataAcrossRestartsAndCrashes() throws Exception {
        Path workDir =
                Path.of("target/mains/mariadb-" + ProcessHandle.current().pid()).toAbsolutePath();
        MoreFiles.deleteRecursively(workDir);
        int port = Ports.freePort();
        List<String> args = List.of("--work-dir", workDir.toString(), "--port", Integer.toString(port));

        Matcher first;
        try (ChildJvm main =
                ChildJvm.start(MariaDbServerMain.class, args, "MARIADB READY", workDir.resolve("main-1.log"))) {
            first = ready(main);
            assertThat(first.group(1)).isEqualTo("jdbc:mariadb://127.0.0.1:" + port + "/");
            assertThat(first.group(2)).isNotEqualTo("root");
            try (Connection connection = DriverManager.getConnection(first.group(1), first.group(2), first.group(3));
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE kept");
                statement.execute(
                        "CREATE TABLE kept.orders (order_sn VARCHAR(64) PRIMARY KEY, status VARCHAR(32) NOT NULL)");
                statement.execute("INSERT INTO kept.orders VALUES ('sn-1', 'WAIT_BUYER_PAY')");
            }
            long stopping = System.nanoTime();
            main.stop(Duration.ofSeconds(30));
            System.out.printf("MariaDbServerMain stopped in %d ms%n", (System.nanoTime() - stopping) / 1_000_000);
        }
        assertThat(Ports.isFree(port)).as("port released").isTrue();

        try (ChildJvm main =
                ChildJvm.start(MariaDbServerMain.class, args, "MARIADB READY", workDir.resolve("main-2.log"))) {
            Matcher second = ready(main);
            assertThat(second.group()).as("same address and credentials").isEqualTo(first.group());
            assertThat(status(second, "sn-1")).isEqualTo("WAIT_BUYER_PAY");
            try (Connection connection =
                            DriverManager.getConnection(second.group(1) + "kept", second.group(2), second.group(3));
                    Statement statement = connection.createStatement()) {
                statement.execute("UPDATE orders SET status = 'TRADE_SUCCESS' WHERE order_sn = 'sn-1'");
            }
            main.kill(); // a crash: the watchdog stops the orphaned mariadbd
        }

        try (ChildJvm main =
                ChildJvm.start(MariaDbServerMain.class, args, "MARIADB READY", workDir.resolve("main-3.log"))) {
            Matcher third = ready(main);
            assertThat(status(third, "sn-1")).as("committed before the crash").isEqualTo("TRADE_SUCCESS");
            main.stop(Duration.ofSeconds(30));
        }
    }

    private static Matcher ready(ChildJvm main) throws Exception {
        long started = System.nanoTime();
        String line = main.awaitReady(Duration.ofSeconds(90));
        System.out.printf(
                "MariaDbServerMain ready %d ms after launch: %s%n", (System.nanoTime() - started) / 1_000_000, line);
        Matcher matcher = READY.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        return matcher;
    }

    private static String status(Matcher ready, String orderSn) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(ready.group(1) + "kept", ready.group(2), ready.group(3));
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT status FROM orders WHERE order_sn = '" + orderSn + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
