package dev.orderplatform.web.grpc;

import java.util.Arrays;

import io.grpc.MethodDescriptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;

import dev.orderplatform.web.security.PlatformJwt;
import dev.orderplatform.web.security.Roles;

/**
 * The access rule of the platform's gRPC services, replacing Boot's default (a token on every call): the methods the
 * platform's services call each other with carry no credential (the gRPC ports are not exposed outside the cluster,
 * see the operator's NetworkPolicy); administrative methods need a bearer JWT with the ADMIN role in the
 * {@code authorization} metadata ({@code UNAUTHENTICATED} without one, {@code PERMISSION_DENIED} for another role);
 * anything else is denied.
 */
public final class GrpcAccess {

    private GrpcAccess() {
    }

    public static AuthenticationProcessInterceptor openAndAdminMethods(GrpcSecurity grpc,
            MethodDescriptor<?, ?>[] open, MethodDescriptor<?, ?>[] adminOnly) throws Exception {
        return grpc
                .authorizeRequests(requests -> requests
                        .methods(names(open)).permitAll()
                        .methods(names(adminOnly)).hasAuthority("ROLE_" + Roles.ADMIN)
                        .methods("grpc.health.v1.Health/*", "grpc.reflection.*").permitAll()
                        .allRequests().denyAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(
                        PlatformJwt.authenticationConverter())))
                .build();
    }

    private static String[] names(MethodDescriptor<?, ?>[] methods) {
        return Arrays.stream(methods).map(MethodDescriptor::getFullMethodName).toArray(String[]::new);
    }
}
