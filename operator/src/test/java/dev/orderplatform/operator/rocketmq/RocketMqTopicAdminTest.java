package dev.orderplatform.operator.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
    void createsTheTopicsWithTheirMessageTypesThenFindsThemAll() throws IOException {
        long errors = missingTopicErrors();
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
        // Asked about a topic it does not have, the broker would log an ERROR. (Its log is asynchronous.)
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(missingTopicErrors()).isEqualTo(errors));
    }

    /** The broker's errors (this JVM's RocketMQ log) for a topic it was asked about and does not have. */
    private static long missingTopicErrors() throws IOException {
        return EmbeddedRocketMq.logLines(line -> line.contains("No topic in this broker"))
                .size();
    }

    @Test
    void unreachableNameServerFailsWithItsAddress() {
        assertThatThrownBy(() -> admin.ensure("127.0.0.1:1", PlatformContract.TOPICS))
                .hasMessageContaining("cannot create topics through name server 127.0.0.1:1");
    }
}
