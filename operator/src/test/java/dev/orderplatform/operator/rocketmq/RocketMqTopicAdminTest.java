package dev.orderplatform.operator.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.infra.rocketmq.EmbeddedRocketMq;
import dev.orderplatform.infra.rocketmq.RocketMqSettings;
import dev.orderplatform.infra.rocketmq.TopicMessageType;
import dev.orderplatform.operator.platform.PlatformContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real admin client against a real (embedded) RocketMQ 5 name server and broker. */
class RocketMqTopicAdminTest {

    static EmbeddedRocketMq rocketmq;

    final RocketMqTopicAdmin admin = new RocketMqTopicAdmin();

    @BeforeAll
    static void startRocketmq() throws IOException {
        // Not a @TempDir: the broker still writes while it stops in the background.
        Files.createDirectories(Path.of("target"));
        rocketmq = EmbeddedRocketMq.start(
                RocketMqSettings.fastForTests(), Files.createTempDirectory(Path.of("target"), "rocketmq-"));
    }

    @AfterAll
    static void stopRocketmq() {
        rocketmq.close(Duration.ZERO); // RocketMQ takes seconds to stop; nothing waits for it
    }

    @Test
    void createsTheTopicsWithTheirMessageTypesThenFindsThemAll() {
        var before = admin.inspect(rocketmq.nameServerAddress(), PlatformContract.TOPICS);
        var after = admin.ensure(rocketmq.nameServerAddress(), PlatformContract.TOPICS);

        assertThat(before.masterBrokers()).containsExactly(EmbeddedRocketMq.BROKER_NAME);
        assertThat(before.missing())
                .containsExactly(
                        "order_reback@" + EmbeddedRocketMq.BROKER_NAME,
                        "order_timeout@" + EmbeddedRocketMq.BROKER_NAME);
        assertThat(after.missing()).isEmpty();
        assertThat(after.waitingFor()).isNull();
        assertThat(rocketmq.topicMessageType("order_reback")).isEqualTo(TopicMessageType.TRANSACTION);
        assertThat(rocketmq.topicMessageType("order_timeout")).isEqualTo(TopicMessageType.DELAY);
        assertThat(admin.inspect(rocketmq.nameServerAddress(), PlatformContract.TOPICS))
                .isEqualTo(after);
    }

    @Test
    void unreachableNameServerFailsWithItsAddress() {
        assertThatThrownBy(() -> admin.ensure("127.0.0.1:1", PlatformContract.TOPICS))
                .hasMessageContaining("cannot create topics through name server 127.0.0.1:1");
    }
}
