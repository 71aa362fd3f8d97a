package dev.orderplatform.web.security;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's JWT key: HS256, shared by the services and whoever issues user tokens. On Kubernetes it comes
 * from the Secret the operator generates ({@code ORDERPLATFORM_JWT_SECRET}).
 *
 * @param secret the HMAC key as text, at least 32 bytes (256 bits, as HS256 requires)
 */
@ConfigurationProperties("orderplatform.jwt")
public record JwtProperties(String secret) {

    static final int MIN_SECRET_BYTES = 32;

    public JwtProperties {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "orderplatform.jwt.secret must be set to at least " + MIN_SECRET_BYTES + " bytes (HS256 key)");
        }
    }

    public byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
