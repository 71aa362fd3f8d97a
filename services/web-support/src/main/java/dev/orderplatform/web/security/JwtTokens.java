package dev.orderplatform.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Issues and verifies the platform's HS256 tokens. The services only verify; the local launcher, the tests and
 * the load suite issue tokens for demo users and administrators.
 */
public final class JwtTokens {

    /** The longest user id the services store. */
    public static final int MAX_SUBJECT_LENGTH = 64;

    private final SecretKeySpec key;
    private final JwtEncoder encoder;

    public JwtTokens(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    /** A token whose subject is the user id and whose {@value Roles#CLAIM} claim holds the roles. */
    public String issue(String subject, List<String> roles, Duration validity) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(validity))
                .claim(Roles.CLAIM, roles)
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** Verifies signature and lifetime, and that the subject can be a user id (see {@link #MAX_SUBJECT_LENGTH}). */
    public JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                JwtTokens::subjectIsAUserId));
        return decoder;
    }

    /**
     * The subject is the user id the services store (VARCHAR(64) columns): a token whose subject is missing, blank,
     * longer or has control characters is refused like a forged one, rather than failing the write it would key.
     */
    private static OAuth2TokenValidatorResult subjectIsAUserId(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH
                || subject.chars().anyMatch(Character::isISOControl)) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "The token's subject must be 1.." + MAX_SUBJECT_LENGTH + " characters without control characters",
                    null));
        }
        return OAuth2TokenValidatorResult.success();
    }
}
