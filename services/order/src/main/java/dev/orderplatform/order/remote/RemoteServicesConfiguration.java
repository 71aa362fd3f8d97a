package dev.orderplatform.order.remote;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

import dev.orderplatform.contracts.goods.v1.GoodsServiceGrpc;
import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc;
import dev.orderplatform.order.OrderProperties;

/**
 * The two services the order service calls, over the named channels {@code goods} and {@code inventory}
 * ({@code spring.grpc.client.channel.<name>.target}).
 */
@Configuration(proxyBeanMethods = false)
public class RemoteServicesConfiguration {

    @Bean
    GoodsGateway goodsGateway(GrpcChannelFactory channels, OrderProperties properties) {
        return new GoodsGateway(GoodsServiceGrpc.newBlockingStub(channels.createChannel("goods")),
                properties.grpcDeadline());
    }

    @Bean
    InventoryGateway inventoryGateway(GrpcChannelFactory channels, OrderProperties properties) {
        return new InventoryGateway(InventoryServiceGrpc.newBlockingStub(channels.createChannel("inventory")),
                properties.grpcDeadline());
    }
}
