package dev.orderplatform.order.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.order.OrderServiceTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of the normal build (its name matches no surefire pattern): bulk-loads
 * {@code -DauditAtScale.orders} orders (default one million) with their lines, sell records and items straight into
 * the real MariaDB, then runs the stock audit and the reconciliation each in a child JVM of the order application
 * with a small heap ({@code -DauditAtScale.heap}, default 256m) and writes time and peak heap to
 * {@code target/audit-at-scale.txt}. Run:
 * <pre>{@code
 * nice -n 10 ./mvnw -B -o -pl services/order -am package -Dtest=AuditAtScaleBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 * The data: 70% paid orders (DEDUCTED), 20% closed (RETURNED), 10% waiting for payment (DEDUCTED, ten minutes old,
 * inside the reconciliation's grace); 100 goods; a consistent state, so the audit must find nothing.
 */
class AuditAtScaleBenchmark extends OrderServiceTest {

    private static final int ORDERS = Integer.getInteger("auditAtScale.orders", 1_000_000);
    private static final String HEAP = System.getProperty("auditAtScale.heap", "256m");
    private static final long FIRST_GOODS = 900_001;
    private static final int GOODS = 100;
    private static final int UNITS_PER_GOODS = 10_000_000;

    @Test
    void auditAndReconciliationAtScale() throws Exception {
        awaitInventory();
        List<String> lines = new ArrayList<>();
        long loadStart = System.nanoTime();
        load();
        lines.add("orders: " + ORDERS + ", goods: " + GOODS + ", bulk load: "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - loadStart) + " s");
        lines.addAll(runChild("audit"));
        lines.addAll(runChild("audit-with-initial-stock"));
        lines.addAll(runChild("reconciliation"));
        Path report = Path.of("target", "audit-at-scale.txt");
        Files.write(report, lines);
        lines.forEach(System.out::println);
        assertThat(lines).noneMatch(line -> line.startsWith("FAILED"));
    }

    /** The inventory service (and its migrations): its first gRPC call may take longer than the call's deadline. */
    private void awaitInventory() {
        await().atMost(Duration.ofMinutes(2))
                .ignoreExceptions()
                .until(() -> platform.sellRecord("warm-up").isEmpty());
    }

    /** Server-side INSERT ... SELECT from a sequence table: a million rows per table in seconds. */
    private void load() throws SQLException {
        Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofDays(2)));
        Timestamp recent = Timestamp.from(Instant.now().minus(Duration.ofMinutes(10)));
        try (Connection orders = platform.infra().mariaDb().openConnection("orders");
                Connection inventory = platform.infra().mariaDb().openConnection("inventory")) {
            sequence(orders);
            sequence(inventory);
            execute(
                    orders,
                    "INSERT INTO orders (order_sn, user_id, status, total, address, signer_name, signer_mobile,"
                            + " created_at, updated_at, pay_deadline, paid_at, closed_at)"
                            + " SELECT " + orderSn() + ", CONCAT('bench-', n % 10000),"
                            + " CASE WHEN n % 10 < 7 THEN 'TRADE_SUCCESS' WHEN n % 10 < 9 THEN 'TRADE_CLOSED'"
                            + " ELSE 'WAIT_BUYER_PAY' END, 10.00 * (1 + n % 3), 'Bench St 1', 'Bench', '13800000000',"
                            + " IF(n % 10 = 9, ?, ?), IF(n % 10 = 9, ?, ?), IF(n % 10 = 9, ?, ?) + INTERVAL 30 MINUTE,"
                            + " IF(n % 10 < 7, ?, NULL), IF(n % 10 IN (7, 8), ?, NULL) FROM bench_seq",
                    recent,
                    old,
                    recent,
                    old,
                    recent,
                    old,
                    old,
                    old);
            execute(
                    orders,
                    "INSERT INTO order_line (order_sn, goods_id, goods_name, price, quantity)" + " SELECT " + orderSn()
                            + ", " + goodsId() + ", 'bench goods', 10.00, 1 + n % 3 FROM bench_seq");
            execute(
                    inventory,
                    "INSERT INTO sell_record (order_sn, status, created_at, updated_at)"
                            + " SELECT " + orderSn() + ", IF(n % 10 IN (7, 8), 'RETURNED', 'DEDUCTED'),"
                            + " IF(n % 10 = 9, ?, ?), IF(n % 10 = 9, ?, ?) FROM bench_seq",
                    recent,
                    old,
                    recent,
                    old);
            execute(
                    inventory,
                    "INSERT INTO sell_record_item (order_sn, goods_id, quantity)" + " SELECT " + orderSn() + ", "
                            + goodsId() + ", 1 + n % 3 FROM bench_seq");
            // Some goods are only in closed orders (all their units back in stock).
            execute(
                    inventory,
                    "INSERT INTO stock (goods_id, stock, updated_at)"
                            + " SELECT " + FIRST_GOODS + " + n - 1, " + UNITS_PER_GOODS + " - COALESCE(held, 0), ?"
                            + " FROM bench_seq LEFT JOIN (SELECT goods_id, SUM(quantity) AS held FROM sell_record_item i"
                            + " JOIN sell_record r ON r.order_sn = i.order_sn WHERE r.status = 'DEDUCTED' GROUP BY goods_id) h"
                            + " ON h.goods_id = " + FIRST_GOODS + " + n - 1 WHERE n <= " + GOODS,
                    old);
            dropSequenceAndAnalyze(orders, "orders, order_line");
            dropSequenceAndAnalyze(inventory, "sell_record, sell_record_item");
        }
    }

    private static String orderSn() {
        return "CONCAT('B', LPAD(n, 29, '0'))";
    }

    private static String goodsId() {
        return FIRST_GOODS + " + n % " + GOODS;
    }

    private static void sequence(Connection connection) throws SQLException {
        execute(connection, "CREATE TABLE bench_digit (d INT PRIMARY KEY)");
        execute(connection, "INSERT INTO bench_digit VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
        execute(
                connection,
                "CREATE TABLE bench_seq (n INT PRIMARY KEY) SELECT a.d + 10 * b.d + 100 * c.d"
                        + " + 1000 * e.d + 10000 * f.d + 100000 * g.d + 1 AS n FROM bench_digit a, bench_digit b,"
                        + " bench_digit c, bench_digit e, bench_digit f, bench_digit g HAVING n <= " + ORDERS);
        execute(connection, "DROP TABLE bench_digit");
    }

    private static void dropSequenceAndAnalyze(Connection connection, String tables) throws SQLException {
        execute(connection, "DROP TABLE bench_seq");
        execute(connection, "ANALYZE TABLE " + tables);
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    /** The order application in a JVM of its own with the small heap; its report lines, or FAILED and why. */
    private List<String> runChild(String task) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + HEAP,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:MaxDirectMemorySize=64m",
                "-Drocketmq.client.rebalance.waitInterval=1000",
                "-Duser.home=target/home-bench",
                "-cp",
                System.getProperty("java.class.path"),
                AuditAtScaleRun.class.getName(),
                task));
        platform.orderProperties(Duration.ofMinutes(30)).forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Path.of("target", "audit-at-scale-" + task + ".log");
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            return List.of("FAILED " + task + ": no result in 10 minutes (" + log + ")");
        }
        List<String> results = Files.readAllLines(log).stream()
                .filter(line -> line.startsWith(AuditAtScaleRun.RESULT))
                .map(line -> line.substring(AuditAtScaleRun.RESULT.length()))
                .toList();
        if (child.exitValue() != 0 || results.isEmpty()) {
            List<String> failed = new ArrayList<>(results);
            failed.add("FAILED " + task + ": exit " + child.exitValue() + ", see " + log);
            return failed;
        }
        return results;
    }
}
