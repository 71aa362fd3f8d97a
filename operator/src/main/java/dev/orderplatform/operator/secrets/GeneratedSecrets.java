package dev.orderplatform.operator.secrets;

import dev.orderplatform.operator.mysql.MysqlResources;
import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import dev.orderplatform.operator.platform.PlatformSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Secrets the operator generates. A value is generated only when the existing Secret lacks it:
 * a password that changed on every reconcile would lock the services out of a database initialised
 * with the first one.
 */
public final class GeneratedSecrets {

    public static final String JWT_COMPONENT = "jwt";
    public static final String JWT_KEY = "secret";
    public static final String ROOT_PASSWORD_KEY = "root-password";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private GeneratedSecrets() {}

    public static String jwtSecretName(PlatformSettings platform) {
        return platform.resourceName("jwt");
    }

    /** The key the services sign and check user tokens with: 48 random bytes, base64 (HMAC-SHA needs >= 32). */
    public static Secret jwt(PlatformSettings platform, @Nullable Map<String, String> existingData) {
        return jwt(platform, existingData, () -> randomBase64(48));
    }

    static Secret jwt(
            PlatformSettings platform, @Nullable Map<String, String> existingData, Supplier<String> generator) {
        var values = new LinkedHashMap<String, String>();
        values.put(JWT_KEY, existingOr(existingData, JWT_KEY, generator));
        return secret(platform, JWT_COMPONENT, jwtSecretName(platform), values);
    }

    /** The MySQL root password and one user per service, in the keys the services' Deployments read. */
    public static Secret mysqlCredentials(PlatformSettings platform, @Nullable Map<String, String> existingData) {
        return mysqlCredentials(platform, existingData, () -> randomAlphanumeric(24));
    }

    static Secret mysqlCredentials(
            PlatformSettings platform, @Nullable Map<String, String> existingData, Supplier<String> generator) {
        var values = new LinkedHashMap<String, String>();
        values.put(ROOT_PASSWORD_KEY, existingOr(existingData, ROOT_PASSWORD_KEY, generator));
        for (AppService service : AppService.values()) {
            values.put(service.usernameKey(), base64(service.id()));
            values.put(service.passwordKey(), existingOr(existingData, service.passwordKey(), generator));
        }
        return secret(platform, MysqlResources.COMPONENT, platform.generatedMysqlCredentialsSecret(), values);
    }

    private static String existingOr(
            @Nullable Map<String, String> existingData, String key, Supplier<String> generator) {
        String existing = existingData == null ? null : existingData.get(key);
        return existing != null ? existing : base64(generator.get());
    }

    private static Secret secret(PlatformSettings platform, String component, String name, Map<String, String> data) {
        return new SecretBuilder()
                .withMetadata(Labels.metadata(platform, component, name))
                .withType("Opaque")
                .withData(data)
                .build();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomBase64(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    private static String randomAlphanumeric(int length) {
        var password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return password.toString();
    }
}
