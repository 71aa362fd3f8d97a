package dev.orderplatform.operator.secrets;

import static dev.orderplatform.operator.platform.TestPlatforms.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedSecretsTest {

    @Test
    void existingValuesAreKeptAndOnlyMissingOnesGenerated() {
        var existing = Map.of("root-password", "cm9vdA==", "goods-password", "Z29vZHM=");

        var secret = GeneratedSecrets.mysqlCredentials(settings(""), existing, () -> "generated");

        assertThat(secret.getMetadata().getName()).isEqualTo("shop-mysql-credentials");
        assertThat(secret.getData())
                .containsEntry("root-password", "cm9vdA==")
                .containsEntry("goods-password", "Z29vZHM=")
                .containsEntry("inventory-password", base64("generated"))
                .containsEntry("order-username", base64("order"))
                .containsOnlyKeys(
                        "root-password",
                        "goods-username",
                        "goods-password",
                        "inventory-username",
                        "inventory-password",
                        "order-username",
                        "order-password");
    }

    @Test
    void generatedValuesAreRandomAndStrongEnough() {
        var first = GeneratedSecrets.jwt(settings(""), null);
        var second = GeneratedSecrets.jwt(settings(""), null);

        byte[] key = Base64.getDecoder()
                .decode(Base64.getDecoder().decode(first.getData().get("secret")));
        assertThat(key).hasSizeGreaterThanOrEqualTo(32);
        assertThat(first.getData()).isNotEqualTo(second.getData());
        assertThat(GeneratedSecrets.mysqlCredentials(settings(""), null)
                        .getData()
                        .get("root-password"))
                .isNotEqualTo(GeneratedSecrets.mysqlCredentials(settings(""), null)
                        .getData()
                        .get("root-password"));
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
