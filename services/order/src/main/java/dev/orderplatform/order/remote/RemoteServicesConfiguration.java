package dev.orderplatform.order.remote;

import dev.orderplatform.contracts.PlatformServices;
import dev.orderplatform.contracts.goods.v1.GoodsServiceGrpc;
import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc;
import dev.orderplatform.order.OrderProperties;
import dev.orderplatform.web.grpc.ServiceCredentials;
import dev.orderplatform.web.security.JwtTokens;
import io.grpc.Channel;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.ChannelBuilderOptions;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The two services the order service calls, over the named channels {@code goods} and {@code inventory}
 * ({@code spring.grpc.client.channel.<name>.target}). Every call carries the order service's token for the callee,
 * signed with the platform's JWT key (see {@link ServiceCredentials}).
 */
@Configuration(proxyBeanMethods = false)
public class RemoteServicesConfiguration {

    @Bean
    GoodsGateway goodsGateway(GrpcChannelFactory channels, JwtTokens tokens, OrderProperties properties) {
        return new GoodsGateway(
                GoodsServiceGrpc.newBlockingStub(channelTo(PlatformServices.GOODS, channels, tokens)),
                properties.grpcDeadline());
    }

    @Bean
    InventoryGateway inventoryGateway(GrpcChannelFactory channels, JwtTokens tokens, OrderProperties properties) {
        return new InventoryGateway(
                InventoryServiceGrpc.newBlockingStub(channelTo(PlatformServices.INVENTORY, channels, tokens)),
                properties.grpcDeadline());
    }

    /** The catalogue as the cart shows it: kept {@code orderplatform.order.cart-catalogue-ttl}. */
    @Bean
    RecentCatalogue cartCatalogue(GoodsGateway goods, OrderProperties properties) {
        return new RecentCatalogue(goods, properties.cartCatalogueTtl());
    }

    /**
     * The catalogue that prices new orders: kept {@code orderplatform.order.creation-catalogue-ttl}, so that orders of
     * the same goods within it cost no BatchGetGoods each (issue 11 part 19).
     */
    @Bean
    RecentCatalogue creationCatalogue(GoodsGateway goods, OrderProperties properties) {
        return new RecentCatalogue(goods, properties.creationCatalogueTtl());
    }

    /**
     * The channel named after the service. Its credentials are the interceptor nearest the wire, so a call that a
     * global interceptor starts or repeats carries them too.
     */
    private static Channel channelTo(String service, GrpcChannelFactory channels, JwtTokens tokens) {
        return channels.createChannel(
                service,
                ChannelBuilderOptions.defaults()
                        .withInterceptors(List.of(new ServiceCredentials(tokens, PlatformServices.ORDER, service))));
    }
}
