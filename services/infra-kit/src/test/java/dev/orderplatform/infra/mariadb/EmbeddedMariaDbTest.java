package dev.orderplatform.infra.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.infra.junit.WithPlatformInfrastructure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithPlatformInfrastructure
class EmbeddedMariaDbTest {

    @Test
    void nonRootUserWritesToItsSchemaOverTcp(EmbeddedMariaDb db) throws Exception {
        db.createSchema("infra_kit_test");
        db.createSchema("infra_kit_test"); // idempotent
        assertThat(db.jdbcUrl("infra_kit_test")).matches("jdbc:mariadb://127\\.0\\.0\\.1:\\d+/infra_kit_test");
        assertThat(db.username()).isNotEqualTo("root");
        assertThat(db.password()).isNotBlank();

        try (Connection connection = db.openConnection("infra_kit_test");
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS stock (goods_id BIGINT PRIMARY KEY, stocks INT NOT NULL) ENGINE=InnoDB");
            statement.execute("DELETE FROM stock");
            statement.execute("INSERT INTO stock (goods_id, stocks) VALUES (1, 100)");
            // The conditional decrement the inventory service relies on (A10).
            assertThat(statement.executeUpdate(
                            "UPDATE stock SET stocks = stocks - 30 WHERE goods_id = 1 AND stocks >= 30"))
                    .isEqualTo(1);
            assertThat(statement.executeUpdate(
                            "UPDATE stock SET stocks = stocks - 80 WHERE goods_id = 1 AND stocks >= 80"))
                    .isZero();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT stocks, CURRENT_USER(), @@version, @@bind_address, @@have_ssl FROM stock")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(70);
                assertThat(rs.getString(2)).startsWith(db.username() + "@");
                assertThat(rs.getString(4)).isEqualTo("127.0.0.1");
                System.out.printf(
                        "MariaDB %s (%s) user %s, ssl %s%n",
                        rs.getString(3), db.kind(), rs.getString(2), rs.getString(5));
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'infra_kit_test' AND TABLE_NAME = 'stock'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("InnoDB");
            }
        }
    }

    @Test
    void usesAnExternalServerWhenTheEnvironmentNamesOne(EmbeddedMariaDb shared) throws Exception {
        Map<String, String> environment = Map.of(
                EmbeddedMariaDb.ENV_JDBC_URL, shared.baseJdbcUrl(),
                EmbeddedMariaDb.ENV_USER, shared.username(),
                EmbeddedMariaDb.ENV_PASSWORD, shared.password());
        EmbeddedMariaDb external = EmbeddedMariaDb.start(Path.of("target/never-created"), 0, environment);
        assertThat(external.kind()).isEqualTo(EmbeddedMariaDb.Kind.EXTERNAL);
        assertThat(external.port()).isEqualTo(shared.port());
        assertThat(external.jdbcUrl("infra_kit_external")).isEqualTo(shared.jdbcUrl("infra_kit_external"));
        external.createSchema("infra_kit_external");
        external.close(); // stops nothing
        try (Connection connection = shared.openConnection("infra_kit_external")) {
            assertThat(connection.isValid(2)).isTrue();
        }
        assertThat(Path.of("target/never-created")).doesNotExist();
    }

    @Test
    void schemasAreSeparate(EmbeddedMariaDb db) throws Exception {
        db.createSchema("infra_kit_a");
        db.createSchema("infra_kit_b");
        try (Connection a = db.openConnection("infra_kit_a");
                Statement statement = a.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS only_in_a (id INT PRIMARY KEY)");
        }
        try (Connection b = db.openConnection("infra_kit_b");
                PreparedStatement query = b.prepareStatement(
                        "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            query.setString(1, "only_in_a");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
        db.dropSchema("infra_kit_a");
        db.dropSchema("infra_kit_b");
        assertThatThrownBy(() -> db.createSchema("bad-name; DROP")).isInstanceOf(IllegalArgumentException.class);
    }
}
