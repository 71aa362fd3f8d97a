package dev.orderplatform.operator.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderplatform.infra.mariadb.EmbeddedMariaDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init script run as the MariaDB image's entrypoint runs it (bash, the mariadb client over the socket, root with
 * its password, the pod's password variables), against a real MariaDB of the version the image is pinned to.
 */
class MysqlInitScriptTest {

    static final Map<String, String> POD_ENVIRONMENT = Map.of(
            "MARIADB_ROOT_PASSWORD",
            "root-secret",
            "GOODS_PASSWORD",
            "goods-secret",
            "INVENTORY_PASSWORD",
            "inventory-secret",
            "ORDER_PASSWORD",
            "order-secret");

    @Test
    void createsOneUserPerServiceWithRightsOnItsOwnSchemaOnly(@TempDir Path dir) throws Exception {
        try (var server = EmbeddedMariaDb.start(dir.resolve("mariadb"))) {
            // With ORDERPLATFORM_TEST_JDBC_URL the kit hands out someone else's server: its root password is not this
            // test's to change. CI and the default build run a server of their own, so there the test always runs.
            assumeTrue(server.kind() != EmbeddedMariaDb.Kind.EXTERNAL, "needs a server of its own");
            // Where the image's entrypoint leaves root before the init scripts: with the root password.
            try (var admin = server.openConnection("mysql");
                    var statement = admin.createStatement()) {
                statement.execute("ALTER USER 'root'@'localhost' IDENTIFIED BY 'root-secret'");
            }

            var shell = server.shell(MysqlResources.initScript()).redirectErrorStream(true);
            shell.environment().putAll(POD_ENVIRONMENT);
            var process = shell.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();

            try (var order = DriverManager.getConnection(server.jdbcUrl("orders"), "order", "order-secret");
                    var statement = order.createStatement()) {
                statement.execute("CREATE TABLE probe (id INT PRIMARY KEY)");
            }
            try (var goods = DriverManager.getConnection(server.jdbcUrl("goods"), "goods", "goods-secret")) {
                assertThat(goods.isValid(5)).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("goods"), "order", "order-secret")
                            .close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access denied");
        }
    }
}
