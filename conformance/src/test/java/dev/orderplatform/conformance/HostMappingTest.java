package dev.orderplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.operator.platform.OrderPlatform;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostMappingTest {

    private final List<HasMetadata> objects =
            OperatorDesiredState.of(Serialization.unmarshal("""
      apiVersion: orderplatform.dev/v1alpha1
      kind: OrderPlatform
      metadata: {name: shop, namespace: shop}
      spec: {}
      """, OrderPlatform.class));

    @Test
    void mapsEveryFormOfAReachableHostAndKeepsThePort() {
        var hosts = new HostMapping(GeneratedPlatform.of(objects));

        assertThat(hosts.apply(Map.of(
                        "SPRING_DATASOURCE_URL", "jdbc:mariadb://shop-mysql:3306/goods",
                        "ORDERPLATFORM_ROCKETMQ_NAME_SERVER", "shop-nameserver-0.shop-nameserver.shop.svc:9876",
                        "ORDERPLATFORM_GOODS_GRPC_ADDRESS", "shop-goods.shop.svc.cluster.local:9091",
                        "ORDERPLATFORM_INVENTORY_GRPC_ADDRESS", "shop-inventory.shop:9092")))
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:mariadb://127.0.0.1:3306/goods")
                .containsEntry("ORDERPLATFORM_ROCKETMQ_NAME_SERVER", "127.0.0.1:9876")
                .containsEntry("ORDERPLATFORM_GOODS_GRPC_ADDRESS", "127.0.0.1:9091")
                .containsEntry("ORDERPLATFORM_INVENTORY_GRPC_ADDRESS", "127.0.0.1:9092");
    }

    @Test
    void leavesNamesThatAreNotAddressesAlone() {
        String brokerConf = """
        brokerName=shop-broker
        namesrvAddr=shop-nameserver-0.shop-nameserver.shop.svc:9876
        listenPort=10911
        storePathRootDir=/home/rocketmq/store
        """;

        assertThat(new HostMapping(GeneratedPlatform.of(objects)).apply(brokerConf))
                .isEqualTo("""
        brokerName=shop-broker
        namesrvAddr=127.0.0.1:9876
        listenPort=10911
        storePathRootDir=/home/rocketmq/store
        """);
    }

    @Test
    void refusesWhatNoPodCouldReach() {
        var hosts = new HostMapping(GeneratedPlatform.of(objects));

        assertThatThrownBy(() -> hosts.apply("jdbc:mariadb://shop-database:3306/goods"))
                .hasMessageContaining("no Service shop-database");
        assertThatThrownBy(() -> hosts.apply("shop-nameserver-1.shop-nameserver.shop.svc:9876"))
                .hasMessageContaining("no pod shop-nameserver-1");
        assertThatThrownBy(() -> hosts.apply("shop-goods.other.svc:9091"))
                .hasMessageContaining("not a name in namespace shop");
        assertThatThrownBy(() -> hosts.apply("shop-goods:9092"))
                .hasMessageContaining("Service shop-goods has no port 9092");
    }

    @Test
    void refusesAServiceThatSelectsNoPodOrTargetsNoContainerPort() {
        var changed = new ArrayList<>(objects);
        changed.replaceAll(
                o -> o instanceof Service s && s.getMetadata().getName().equals("shop-goods")
                        ? new ServiceBuilder(s)
                                .editSpec()
                                .withPorts(new ServicePortBuilder()
                                        .withPort(9091)
                                        .withNewTargetPort("grpc-api")
                                        .build())
                                .endSpec()
                                .build()
                        : o instanceof Service s && s.getMetadata().getName().equals("shop-inventory")
                                ? new ServiceBuilder(s)
                                        .editSpec()
                                        .withSelector(Map.of("app", "nothing"))
                                        .endSpec()
                                        .build()
                                : o);
        var hosts = new HostMapping(GeneratedPlatform.of(changed));

        assertThatThrownBy(() -> hosts.apply("shop-goods:9091"))
                .hasMessageContaining("target port grpc-api is no container port of shop-goods");
        assertThatThrownBy(() -> hosts.apply("shop-inventory:9092"))
                .hasMessageContaining("Service shop-inventory selects no pod");
    }
}
