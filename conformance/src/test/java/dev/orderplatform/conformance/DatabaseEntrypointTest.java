package dev.orderplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseEntrypointTest {

    @Test
    void theMariaDbImageExportsEverySettingUnderBothPrefixes() {
        assertThat(DatabaseEntrypoint.withMariaDbAliases(
                        Map.of("MYSQL_ROOT_PASSWORD", "root", "MARIADB_DATABASE", "shop", "GOODS_PASSWORD", "goods")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "MYSQL_ROOT_PASSWORD",
                        "root",
                        "MARIADB_ROOT_PASSWORD",
                        "root",
                        "MARIADB_DATABASE",
                        "shop",
                        "MYSQL_DATABASE",
                        "shop",
                        "GOODS_PASSWORD",
                        "goods"));
    }
}
