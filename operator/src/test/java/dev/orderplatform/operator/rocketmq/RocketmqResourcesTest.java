package dev.orderplatform.operator.rocketmq;

import static dev.orderplatform.operator.platform.TestPlatforms.settings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RocketmqResourcesTest {

  @Test
  void brokerConfHasTheTimerWheelAndTheTransactionSettingsOfTheSpec() {
    var platform = settings("""
        rocketmq: {managed: {nameServerReplicas: 2, transactionCheckIntervalMillis: 5000, transactionTimeoutMillis: 3000}}
        """);

    assertThat(RocketmqResources.brokerConf(platform).lines()).contains(
        "brokerClusterName=shop",
        "brokerName=shop-broker",
        "namesrvAddr=shop-nameserver-0.shop-nameserver.test.svc:9876;shop-nameserver-1.shop-nameserver.test.svc:9876",
        "timerWheelEnable=true",
        "transactionCheckInterval=5000",
        "transactionTimeOut=3000",
        "autoCreateTopicEnable=false");
  }

  @Test
  void brokerAcceptsTimerMessagesAsLongAsTheOrderTimeout() {
    assertThat(RocketmqResources.brokerConf(settings("")).lines()).contains("timerMaxDelaySec=259200");
    assertThat(RocketmqResources.brokerConf(settings("orderTimeout: 7d")).lines())
        .contains("timerMaxDelaySec=" + (7 * 24 + 1) * 3600);
  }

  @Test
  void brokerRestartsWhenItsConfigurationChanges() {
    var before = RocketmqResources.brokerStatefulSet(settings(""));
    var after = RocketmqResources.brokerStatefulSet(settings("rocketmq: {managed: {transactionTimeoutMillis: 3000}}"));

    assertThat(after.getSpec().getTemplate().getMetadata().getAnnotations())
        .isNotEqualTo(before.getSpec().getTemplate().getMetadata().getAnnotations());
  }

  @Test
  void brokerReadsTheMountedConfigurationAndStoresOnItsVolume() {
    var broker = RocketmqResources.brokerStatefulSet(settings(""));

    var container = broker.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getImage()).isEqualTo("apache/rocketmq:5.3.1");
    assertThat(container.getCommand()).containsExactly("sh", "mqbroker", "-c", "/etc/rocketmq/broker.conf");
    assertThat(container.getVolumeMounts()).extracting("mountPath")
        .contains("/home/rocketmq/store", "/etc/rocketmq", "/tmp");
    assertThat(broker.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getResources().getRequests()
        .get("storage").toString()).isEqualTo("20Gi");
  }

  @Test
  void nameServersStartTogetherWithoutVolumes() {
    var nameServers = RocketmqResources.nameServerStatefulSet(settings("rocketmq: {managed: {nameServerReplicas: 3}}"));

    assertThat(nameServers.getSpec().getReplicas()).isEqualTo(3);
    assertThat(nameServers.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    assertThat(nameServers.getSpec().getVolumeClaimTemplates()).isEmpty();
    assertThat(nameServers.getSpec().getTemplate().getSpec().getContainers().getFirst().getCommand())
        .containsExactly("sh", "mqnamesrv");
    assertThat(RocketmqResources.nameServerService(settings("")).getSpec().getClusterIP()).isEqualTo("None");
  }
}
