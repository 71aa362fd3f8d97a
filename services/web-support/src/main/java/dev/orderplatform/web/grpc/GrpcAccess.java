package dev.orderplatform.web.grpc;

import dev.orderplatform.web.security.PlatformJwt;
import dev.orderplatform.web.security.Roles;
import io.grpc.MethodDescriptor;
import java.util.Map;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.BearerTokenAuthenticationExtractor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * The access rule of the platform's gRPC services, replacing Boot's default (any valid token on every call): each
 * method names who may call it. Every call needs a bearer JWT in the {@code authorization} metadata, verified as
 * over HTTP (signed with the platform key, not expired, addressed to this service if it names an audience): without
 * a valid one the call is {@code UNAUTHENTICATED}, from a caller the method is not for {@code PERMISSION_DENIED}.
 * Methods not listed are denied; only health and reflection are open.
 */
public final class GrpcAccess {

    private GrpcAccess() {}

    /**
     * The interceptor that authenticates every call with {@code tokens} (the service's {@code JwtDecoder}, as over
     * HTTP) and lets each method's {@code callers} in.
     */
    public static AuthenticationProcessInterceptor byMethod(
            GrpcSecurity grpc, JwtDecoder tokens, Map<MethodDescriptor<?, ?>, AuthorizationManager<Object>> callers)
            throws Exception {
        JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(tokens);
        jwt.setJwtAuthenticationConverter(PlatformJwt.authenticationConverter());
        return grpc.authorizeRequests(requests -> {
                    callers.forEach((method, caller) ->
                            requests.methods(method.getFullMethodName()).access(caller));
                    requests.methods("grpc.health.v1.Health/*", "grpc.reflection.*")
                            .permitAll()
                            .allRequests()
                            .denyAll();
                })
                .authenticationExtractor(new BearerTokenAuthenticationExtractor())
                // Given its manager, GrpcSecurity uses it as it is. Left to build its own, Spring gRPC 1.1 wraps it in
                // an ObservationAuthenticationManager whenever there is an ObservationRegistry, whatever the
                // SecurityObservationSettings say (see PlatformSecurityConfiguration): an observation per call.
                .authenticationManager(new ProviderManager(jwt))
                .build();
    }

    /** The platform service {@code name}: a token with the SERVICE role whose subject is that service. */
    public static AuthorizationManager<Object> service(String name) {
        return AuthorizationManagers.allOf(
                AuthorityAuthorizationManager.hasRole(Roles.SERVICE),
                (authentication, call) -> new AuthorizationDecision(
                        name.equals(authentication.get().getName())));
    }

    /** An administrator: a token with the ADMIN role. */
    public static AuthorizationManager<Object> admin() {
        return AuthorityAuthorizationManager.hasRole(Roles.ADMIN);
    }

    /** The platform service {@code name} or an administrator. */
    public static AuthorizationManager<Object> serviceOrAdmin(String name) {
        return AuthorizationManagers.anyOf(service(name), admin());
    }
}
