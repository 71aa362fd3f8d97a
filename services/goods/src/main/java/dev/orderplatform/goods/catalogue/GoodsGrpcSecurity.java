package dev.orderplatform.goods.catalogue;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import dev.orderplatform.contracts.goods.v1.GoodsServiceGrpc;
import dev.orderplatform.web.security.Roles;

/**
 * Who may call the catalogue over gRPC, as over HTTP: reads are open (the order service calls GetGoods and
 * BatchGetGoods without a credential), writes need a bearer JWT with the ADMIN role in the {@code authorization}
 * metadata ({@code UNAUTHENTICATED} without one, {@code PERMISSION_DENIED} for another role). Replaces Boot's
 * default, which would demand a token for every call.
 */
@Configuration(proxyBeanMethods = false)
class GoodsGrpcSecurity {

    @Bean
    @GlobalServerInterceptor
    AuthenticationProcessInterceptor goodsGrpcAuthorization(GrpcSecurity grpc) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(Roles.CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);

        return grpc
                .authorizeRequests(requests -> requests
                        .methods(GoodsServiceGrpc.getGetGoodsMethod().getFullMethodName(),
                                GoodsServiceGrpc.getBatchGetGoodsMethod().getFullMethodName()).permitAll()
                        .methods(GoodsServiceGrpc.getCreateGoodsMethod().getFullMethodName(),
                                GoodsServiceGrpc.getUpdateGoodsMethod().getFullMethodName())
                        .hasAuthority("ROLE_" + Roles.ADMIN)
                        .methods("grpc.health.v1.Health/*", "grpc.reflection.*").permitAll()
                        .allRequests().denyAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(authentication)))
                .build();
    }
}
