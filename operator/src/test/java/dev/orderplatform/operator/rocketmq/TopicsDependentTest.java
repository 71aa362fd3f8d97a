package dev.orderplatform.operator.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.infra.rocketmq.EmbeddedRocketMq;
import dev.orderplatform.infra.rocketmq.RocketMqSettings;
import dev.orderplatform.infra.rocketmq.TopicMessageType;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.TestPlatforms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topics' poll, match and update against a real (embedded) name server and broker, as JOSDK's
 * polling event source and workflow call them. The context is not passed: these methods do not read it.
 */
class TopicsDependentTest {

    static EmbeddedRocketMq rocketmq;

    final TopicsDependent topics = new TopicsDependent(new RocketMqTopicAdmin());

    @BeforeAll
    static void startRocketmq() throws IOException {
        Files.createDirectories(Path.of("target"));
        rocketmq = EmbeddedRocketMq.start(
                RocketMqSettings.fastForTests(), Files.createTempDirectory(Path.of("target"), "rocketmq-"));
    }

    @AfterAll
    static void stopRocketmq() {
        rocketmq.close(Duration.ZERO);
    }

    @Test
    void aDeletedTopicIsFoundMissingByTheNextPollAndRecreated() throws Exception {
        var platform = platformOn(rocketmq.nameServerAddress());
        var created = update(platform, poll(platform));
        assertThat(created.waitingFor()).isNull();
        assertThat(topics.match(poll(platform), platform, null).matched()).isTrue();

        deleteTopic("order_reback");
        var afterDeletion = poll(platform);

        assertThat(afterDeletion.missing()).containsExactly("order_reback@" + EmbeddedRocketMq.BROKER_NAME);
        assertThat(afterDeletion.waitingFor()).isEqualTo("missing order_reback@" + EmbeddedRocketMq.BROKER_NAME);
        assertThat(topics.match(afterDeletion, platform, null).matched()).isFalse();
        assertThat(topics.fetchDelay(Set.of(afterDeletion), platform)).contains(TopicsDependent.POLL_WHILE_INCOMPLETE);

        var recreated = update(platform, afterDeletion);

        assertThat(recreated.waitingFor()).isNull();
        assertThat(rocketmq.topicMessageType("order_reback")).isEqualTo(TopicMessageType.TRANSACTION);
        assertThat(poll(platform)).isEqualTo(recreated);
    }

    /** A broker's port opens (its readiness) some seconds before it registers: nothing to create topics on yet. */
    @Test
    void aNameServerWithoutBrokerIsNotReady() throws Exception {
        var nameServer = startNameServerAlone();
        try {
            var platform =
                    platformOn("127.0.0.1:" + nameServer.getNettyServerConfig().getListenPort());

            var polled = poll(platform);
            var afterUpdate = update(platform, polled);

            assertThat(polled.masterBrokers()).isEmpty();
            assertThat(polled.waitingFor()).startsWith("no master broker registered with name server 127.0.0.1:");
            assertThat(topics.match(polled, platform, null).matched()).isFalse();
            assertThat(afterUpdate.waitingFor()).as("nothing could be created").isEqualTo(polled.waitingFor());
        } finally {
            nameServer.shutdown();
        }
    }

    @Test
    void anUnreachableNameServerIsPolledAgainNotFailed() {
        var polled = poll(platformOn("127.0.0.1:1"));

        assertThat(polled.waitingFor()).contains("cannot inspect topics through name server 127.0.0.1:1");
    }

    /** What JOSDK does with an actual state that does not match: update it to the desired one. */
    private TopicsState update(OrderPlatform platform, TopicsState actual) {
        var desired = topics.match(actual, platform, null).computedDesired().orElseThrow();
        return topics.update(actual, desired, platform, null);
    }

    private TopicsState poll(OrderPlatform platform) {
        var polled = topics.fetchResources(platform);
        assertThat(polled).hasSize(1);
        return polled.iterator().next();
    }

    private static OrderPlatform platformOn(String nameServerAddress) {
        return TestPlatforms.withSpec("rocketmq: {external: {nameServerAddress: \"" + nameServerAddress + "\"}}");
    }

    private static void deleteTopic(String topic) throws Exception {
        var admin = new DefaultMQAdminExt(10_000);
        admin.setNamesrvAddr(rocketmq.nameServerAddress());
        admin.setInstanceName("test-" + System.nanoTime());
        admin.setVipChannelEnabled(false);
        admin.start();
        try {
            admin.deleteTopicInBroker(Set.of(rocketmq.brokerAddress()), topic);
            admin.deleteTopicInNameServer(Set.of(rocketmq.nameServerAddress()), topic);
        } finally {
            admin.shutdown();
        }
        assertThat(rocketmq.topicMessageType(topic)).isNull();
    }

    private static NamesrvController startNameServerAlone() throws IOException {
        EmbeddedRocketMq.prepareJvm();
        Path dir = Files.createTempDirectory(Path.of("target"), "namesrv-");
        var config = new NamesrvConfig();
        config.setRocketmqHome(dir.toString());
        config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        config.setConfigStorePath(dir.resolve("namesrv.properties").toString());
        var server = new NettyServerConfig();
        server.setBindAddress("127.0.0.1");
        server.setListenPort(0);
        var controller = new NamesrvController(config, server);
        assertThat(controller.initialize()).isTrue();
        try {
            controller.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return controller;
    }
}
