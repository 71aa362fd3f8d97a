package dev.orderplatform.goods.catalogue;

import io.grpc.MethodDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;

import dev.orderplatform.contracts.goods.v1.GoodsServiceGrpc;
import dev.orderplatform.web.grpc.GrpcAccess;

/**
 * Who may call the catalogue over gRPC, as over HTTP: reads are open (the order service calls GetGoods and
 * BatchGetGoods without a credential), writes need the ADMIN role.
 */
@Configuration(proxyBeanMethods = false)
class GoodsGrpcSecurity {

    @Bean
    @GlobalServerInterceptor
    AuthenticationProcessInterceptor goodsGrpcAuthorization(GrpcSecurity grpc) throws Exception {
        return GrpcAccess.openAndAdminMethods(grpc,
                new MethodDescriptor<?, ?>[] {GoodsServiceGrpc.getGetGoodsMethod(),
                        GoodsServiceGrpc.getBatchGetGoodsMethod()},
                new MethodDescriptor<?, ?>[] {GoodsServiceGrpc.getCreateGoodsMethod(),
                        GoodsServiceGrpc.getUpdateGoodsMethod()});
    }
}
