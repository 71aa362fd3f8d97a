package dev.orderplatform.web.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Issues and verifies the platform's HS256 tokens. The services verify, and issue their own short-lived tokens to
 * call each other; the local launcher, the tests and the load suite issue tokens for demo users and administrators.
 */
public final class JwtTokens {

    private final SecretKeySpec key;
    private final JwtEncoder encoder;
    private final Clock clock;

    public JwtTokens(byte[] secret) {
        this(secret, Clock.systemUTC());
    }

    public JwtTokens(byte[] secret, Clock clock) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.clock = clock;
    }

    /** A token whose subject is the user id and whose {@value Roles#CLAIM} claim holds the roles. */
    public String issue(String subject, List<String> roles, Duration validity) {
        return encode(claims(subject, List.of(), roles, validity));
    }

    /**
     * A token one platform service calls another with: subject the caller, audience the callee, role
     * {@value Roles#SERVICE}.
     */
    public String issueServiceToken(String caller, String audience, Duration validity) {
        return encode(claims(caller, List.of(audience), List.of(Roles.SERVICE), validity));
    }

    private JwtClaimsSet claims(String subject, List<String> audience, List<String> roles, Duration validity) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(validity))
                .claim(Roles.CLAIM, roles);
        if (!audience.isEmpty()) {
            claims.audience(audience);
        }
        return claims.build();
    }

    private String encode(JwtClaimsSet claims) {
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /**
     * Verifies tokens for {@code service}: signature, expiry, and audience. A token that names an audience is good
     * only at the service it names, and a service token must name one, so one service's credential for another is
     * refused everywhere else; user and administrator tokens name none. Besides, {@link PlatformJwt#validator()}'s
     * claims.
     */
    public JwtDecoder decoder(String service) {
        JwtAudienceValidator audience = new JwtAudienceValidator(service);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(PlatformJwt.validator(), token -> {
            List<String> roles = token.getClaimAsStringList(Roles.CLAIM);
            boolean addressed =
                    (token.getAudience() != null && !token.getAudience().isEmpty())
                            || (roles != null && roles.contains(Roles.SERVICE));
            return addressed ? audience.validate(token) : OAuth2TokenValidatorResult.success();
        }));
        return decoder;
    }
}
