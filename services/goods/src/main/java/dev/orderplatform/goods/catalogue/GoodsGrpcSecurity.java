package dev.orderplatform.goods.catalogue;

import dev.orderplatform.contracts.PlatformServices;
import dev.orderplatform.contracts.goods.v1.GoodsServiceGrpc;
import dev.orderplatform.web.grpc.GrpcAccess;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Who may call the catalogue over gRPC: reads (GetGoods, BatchGetGoods) the order service, with its service token,
 * or an administrator (shoppers browse over HTTP); writes need the ADMIN role.
 */
@Configuration(proxyBeanMethods = false)
class GoodsGrpcSecurity {

    @Bean
    @GlobalServerInterceptor
    AuthenticationProcessInterceptor goodsGrpcAuthorization(GrpcSecurity grpc, JwtDecoder tokens) throws Exception {
        return GrpcAccess.byMethod(
                grpc,
                tokens,
                Map.of(
                        GoodsServiceGrpc.getGetGoodsMethod(), GrpcAccess.serviceOrAdmin(PlatformServices.ORDER),
                        GoodsServiceGrpc.getBatchGetGoodsMethod(), GrpcAccess.serviceOrAdmin(PlatformServices.ORDER),
                        GoodsServiceGrpc.getCreateGoodsMethod(), GrpcAccess.admin(),
                        GoodsServiceGrpc.getUpdateGoodsMethod(), GrpcAccess.admin()));
    }
}
