package dev.orderplatform.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.web.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** A token is verified once while it is valid; nothing the verifier refuses gets through. */
class CachingJwtDecoderTest {

    private static final byte[] KEY = "caching-jwt-decoder-test-key-of-32-bytes".getBytes(StandardCharsets.UTF_8);

    private final JwtTokens tokens = new JwtTokens(KEY);
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        return tokens.decoder("inventory").decode(token);
    };
    private final SettableClock clock = new SettableClock(Instant.now());
    private final CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, clock);

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() {
        String token = tokens.issueServiceToken("order", "inventory", Duration.ofMinutes(5));

        Jwt first = decoder.decode(token);
        Jwt again = decoder.decode(token);

        assertThat(again).isSameAs(first);
        assertThat(again.getSubject()).isEqualTo("order");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void anExpiredTokenIsVerifiedAgain() {
        String token = tokens.issueServiceToken("order", "inventory", Duration.ofMinutes(5));
        Jwt first = decoder.decode(token);

        clock.set(first.getExpiresAt());
        decoder.decode(token); // the verifier's own clock still accepts it; the point is that it was asked again

        assertThat(verifications).hasValue(2);
    }

    @Test
    void refusedTokensAreNeverKept() {
        String forged = new JwtTokens("another-key-another-key-another-key-32".getBytes(StandardCharsets.UTF_8))
                .issueServiceToken("order", "inventory", Duration.ofMinutes(5));
        String elsewhere = tokens.issueServiceToken("order", "goods", Duration.ofMinutes(5));
        String expired = new JwtTokens(KEY, Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC))
                .issue("user-1", List.of(), Duration.ofMinutes(5));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
            assertThatThrownBy(() -> decoder.decode(elsewhere)).isInstanceOf(JwtValidationException.class);
            assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtValidationException.class);
        }
        assertThat(verifications).hasValue(6);
    }
}
