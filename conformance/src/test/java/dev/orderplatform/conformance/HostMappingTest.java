package dev.orderplatform.conformance;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostMappingTest {

  private final HostMapping hosts = new HostMapping(List.of("shop-mysql", "shop-nameserver", "shop-goods",
      "shop-broker"), "shop");

  @Test
  void mapsEveryFormOfAServiceHostAndKeepsThePort() {
    assertThat(hosts.apply(Map.of(
        "SPRING_DATASOURCE_URL", "jdbc:mariadb://shop-mysql:3306/goods",
        "ORDERPLATFORM_ROCKETMQ_NAME_SERVER",
        "shop-nameserver-0.shop-nameserver.shop.svc:9876;shop-nameserver-1.shop-nameserver.shop.svc.cluster.local:9877",
        "ORDERPLATFORM_GOODS_GRPC_ADDRESS", "shop-goods.shop:9091")))
        .containsEntry("SPRING_DATASOURCE_URL", "jdbc:mariadb://127.0.0.1:3306/goods")
        .containsEntry("ORDERPLATFORM_ROCKETMQ_NAME_SERVER", "127.0.0.1:9876;127.0.0.1:9877")
        .containsEntry("ORDERPLATFORM_GOODS_GRPC_ADDRESS", "127.0.0.1:9091");
  }

  @Test
  void leavesNamesThatAreNotAddressesAlone() {
    String brokerConf = """
        brokerName=shop-broker
        namesrvAddr=shop-nameserver-0.shop-nameserver.shop.svc:9876
        listenPort=10911
        storePathRootDir=/home/rocketmq/store
        """;

    assertThat(hosts.apply(brokerConf)).isEqualTo("""
        brokerName=shop-broker
        namesrvAddr=127.0.0.1:9876
        listenPort=10911
        storePathRootDir=/home/rocketmq/store
        """);
  }

  @Test
  void refusesAHostThatNoPodCouldResolve() {
    assertThatThrownBy(() -> hosts.apply("jdbc:mariadb://shop-database:3306/goods"))
        .hasMessageContaining("'shop-database'");
    assertThatThrownBy(() -> hosts.apply("shop-nameserver-0.shop-nameserver.other.svc:9876"))
        .hasMessageContaining("not a Service of the platform");
  }
}
