package dev.orderplatform.inventory.grpc;

import io.grpc.MethodDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;

import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc;
import dev.orderplatform.web.grpc.GrpcAccess;

/**
 * Who may call the inventory over gRPC: the order service's calls (Sell, GetStock, GetSellRecord, ListSellRecords,
 * GetSellRecords, SettleSellRecords) are open; SetStock changes stock levels and needs the ADMIN role.
 */
@Configuration(proxyBeanMethods = false)
class InventoryGrpcSecurity {

    @Bean
    @GlobalServerInterceptor
    AuthenticationProcessInterceptor inventoryGrpcAuthorization(GrpcSecurity grpc) throws Exception {
        return GrpcAccess.openAndAdminMethods(grpc,
                new MethodDescriptor<?, ?>[] {InventoryServiceGrpc.getSellMethod(),
                        InventoryServiceGrpc.getGetStockMethod(), InventoryServiceGrpc.getGetSellRecordMethod(),
                        InventoryServiceGrpc.getListSellRecordsMethod(), InventoryServiceGrpc.getGetSellRecordsMethod(),
                        InventoryServiceGrpc.getSettleSellRecordsMethod()},
                new MethodDescriptor<?, ?>[] {InventoryServiceGrpc.getSetStockMethod()});
    }
}
