package dev.orderplatform.inventory.grpc;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc;
import dev.orderplatform.web.security.Roles;

/**
 * Who may call the inventory over gRPC. The order service's calls (Sell, GetStock, GetSellRecord, ListSellRecords)
 * carry no credential, as between the platform's services (the gRPC port is not exposed outside the cluster);
 * SetStock changes stock levels and needs a bearer JWT with the ADMIN role in the {@code authorization} metadata
 * ({@code UNAUTHENTICATED} without one, {@code PERMISSION_DENIED} for another role). Replaces Boot's default, which
 * would demand a token for every call.
 */
@Configuration(proxyBeanMethods = false)
class InventoryGrpcSecurity {

    @Bean
    @GlobalServerInterceptor
    AuthenticationProcessInterceptor inventoryGrpcAuthorization(GrpcSecurity grpc) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(Roles.CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);

        return grpc
                .authorizeRequests(requests -> requests
                        .methods(InventoryServiceGrpc.getSellMethod().getFullMethodName(),
                                InventoryServiceGrpc.getGetStockMethod().getFullMethodName(),
                                InventoryServiceGrpc.getGetSellRecordMethod().getFullMethodName(),
                                InventoryServiceGrpc.getListSellRecordsMethod().getFullMethodName()).permitAll()
                        .methods(InventoryServiceGrpc.getSetStockMethod().getFullMethodName())
                        .hasAuthority("ROLE_" + Roles.ADMIN)
                        .methods("grpc.health.v1.Health/*", "grpc.reflection.*").permitAll()
                        .allRequests().denyAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(authentication)))
                .build();
    }
}
