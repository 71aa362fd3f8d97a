package dev.orderplatform.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies each distinct token once and answers later calls with the same token from memory until it expires. A
 * service receives the same token over and over: every gRPC call from another service carries that service's token
 * for minutes (see {@link dev.orderplatform.web.grpc.ServiceCredentials}), and a user's requests carry the user's.
 * Parsing it, checking its HMAC and converting and validating its claims again on every call was as much CPU as the
 * inventory's Sell itself.
 *
 * <p>Nothing is accepted that the verifying decoder would refuse: only tokens it accepted are kept, keyed by their
 * exact text (so signature, audience and claims are those it checked); a kept token is answered only before its
 * expiry (the verifier also allows a clock skew past it: from then on it decides again); refused tokens are never
 * kept.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    /** Distinct tokens kept: every service's own, and the users' active at one time, with room to spare. */
    static final int MAX_TOKENS = 4096;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public CachingJwtDecoder(JwtDecoder verifier) {
        this(verifier, Clock.systemUTC());
    }

    CachingJwtDecoder(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                // Only to free the memory: decode checks the expiry itself, with the clock.
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> untilExpiry(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && isUnexpired(known)) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (isUnexpired(jwt)) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private boolean isUnexpired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    private Duration untilExpiry(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        Duration left = expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
