package dev.orderplatform.web.security;

import java.time.Instant;
import java.util.Objects;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * What a platform token must be besides well signed ({@link #validator()}), and how it becomes a Spring Security
 * principal: its {@value Roles#CLAIM} claim gives ROLE_ authorities.
 */
public final class PlatformJwt {

    /** The longest subject (user id): the order service's user id columns are VARCHAR(64). */
    public static final int MAX_SUBJECT_LENGTH = 64;

    private PlatformJwt() {}

    /**
     * The default checks (not expired, not before) plus an expiry, which the defaults only check when present (a
     * token without one would be good forever), and a subject of 1..{@value #MAX_SUBJECT_LENGTH} characters without
     * control characters, which is the user id every user endpoint writes.
     */
    public static OAuth2TokenValidator<Jwt> validator() {
        return JwtValidators.createDefaultWithValidators(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<String>(
                        JwtClaimNames.SUB,
                        subject -> subject != null
                                && !subject.isBlank()
                                && subject.length() <= MAX_SUBJECT_LENGTH
                                && subject.chars().noneMatch(Character::isISOControl)));
    }

    public static JwtAuthenticationConverter authenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(Roles.CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);
        return authentication;
    }
}
