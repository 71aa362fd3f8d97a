package dev.orderplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RocketMqLaunchTest {

    private final Path local = Path.of("/work/broker.conf");

    @Test
    void runsTheProjectImagesArgumentsAsTheyAreWithTheLocalBrokerConf() {
        var broker = List.of("broker", "--config", "/etc/rocketmq/broker.conf", "--set", "x=y");

        assertThat(RocketMqLaunch.BROKER.startedBy(broker)).isTrue();
        assertThat(RocketMqLaunch.NAME_SERVER.startedBy(broker)).isFalse();
        assertThat(RocketMqLaunch.BROKER.configFile(broker)).isEqualTo("/etc/rocketmq/broker.conf");
        assertThat(RocketMqLaunch.BROKER.nodeArguments(broker, local))
                .containsExactly("broker", "--config", "/work/broker.conf", "--set", "x=y");
        assertThat(RocketMqLaunch.NAME_SERVER.nodeArguments(List.of("namesrv"), null))
                .containsExactly("namesrv");
    }

    @Test
    void translatesTheApacheImagesScripts() {
        var broker = List.of("sh", "mqbroker", "-c", "/etc/rocketmq/broker.conf");

        assertThat(RocketMqLaunch.BROKER.startedBy(broker)).isTrue();
        assertThat(RocketMqLaunch.BROKER.configFile(broker)).isEqualTo("/etc/rocketmq/broker.conf");
        assertThat(RocketMqLaunch.BROKER.nodeArguments(broker, local))
                .containsExactly("broker", "--config", "/work/broker.conf");
        assertThat(RocketMqLaunch.NAME_SERVER.nodeArguments(List.of("sh", "mqnamesrv"), null))
                .containsExactly("namesrv");
    }

    @Test
    void refusesABrokerWithoutBrokerConf() {
        assertThatThrownBy(() -> RocketMqLaunch.BROKER.configFile(List.of("broker")))
                .hasMessageContaining("started without --config");
    }
}
