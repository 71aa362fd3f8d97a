package dev.orderplatform.inventory.grpc;

import dev.orderplatform.contracts.PlatformServices;
import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc;
import dev.orderplatform.web.grpc.GrpcAccess;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Who may call the inventory over gRPC: Sell only the order service (with its service token), which alone places
 * orders; the reads it needs (GetStock, GetSellRecord, ListSellRecords, GetSellRecords) the order service or an
 * administrator, as over HTTP; SettleSellRecords (the reconciliation's bookkeeping) only the order service; SetStock changes stock levels and needs the ADMIN role.
 */
@Configuration(proxyBeanMethods = false)
class InventoryGrpcSecurity {

    @Bean
    @GlobalServerInterceptor
    AuthenticationProcessInterceptor inventoryGrpcAuthorization(GrpcSecurity grpc, JwtDecoder tokens) throws Exception {
        return GrpcAccess.byMethod(
                grpc,
                tokens,
                Map.of(
                        InventoryServiceGrpc.getSellMethod(), GrpcAccess.service(PlatformServices.ORDER),
                        InventoryServiceGrpc.getGetStockMethod(), GrpcAccess.serviceOrAdmin(PlatformServices.ORDER),
                        InventoryServiceGrpc.getGetSellRecordMethod(),
                                GrpcAccess.serviceOrAdmin(PlatformServices.ORDER),
                        InventoryServiceGrpc.getListSellRecordsMethod(),
                                GrpcAccess.serviceOrAdmin(PlatformServices.ORDER),
                        InventoryServiceGrpc.getGetSellRecordsMethod(),
                                GrpcAccess.serviceOrAdmin(PlatformServices.ORDER),
                        InventoryServiceGrpc.getSettleSellRecordsMethod(), GrpcAccess.service(PlatformServices.ORDER),
                        InventoryServiceGrpc.getSetStockMethod(), GrpcAccess.admin()));
    }
}
