package dev.orderplatform.web.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import dev.orderplatform.web.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** The token a service calls with is minted once and renewed while it still has time left. */
class ServiceCredentialsTest {

    private static final byte[] KEY = "service-credentials-test-key-of-32-bytes".getBytes(StandardCharsets.UTF_8);

    private final SettableClock clock = new SettableClock(Instant.now());
    private final JwtTokens tokens = new JwtTokens(KEY, clock);
    private final ServiceCredentials credentials = new ServiceCredentials(tokens, "order", "inventory", clock);

    @Test
    void tokenIsReusedUntilTheRenewalMarginThenRenewed() {
        Instant start = clock.instant();
        String first = credentials.authorization();
        Jwt token = decode(first);
        assertThat(token.getSubject()).isEqualTo("order");
        assertThat(token.getAudience()).containsExactly("inventory");
        assertThat(token.getClaimAsStringList(Roles.CLAIM)).containsExactly(Roles.SERVICE);
        assertThat(token.getExpiresAt())
                .isEqualTo(start.plus(ServiceCredentials.VALIDITY).truncatedTo(ChronoUnit.SECONDS));

        Duration renewAfter = ServiceCredentials.VALIDITY.minus(ServiceCredentials.RENEWAL_MARGIN);
        clock.set(start.plus(renewAfter).minusMillis(1));
        assertThat(credentials.authorization()).isSameAs(first);

        clock.set(start.plus(renewAfter));
        String renewed = credentials.authorization();
        assertThat(renewed).isNotEqualTo(first);
        assertThat(decode(renewed).getExpiresAt()).isAfter(token.getExpiresAt());
    }

    private Jwt decode(String authorization) {
        assertThat(authorization).startsWith("Bearer ");
        return tokens.decoder("inventory").decode(authorization.substring("Bearer ".length()));
    }
}
