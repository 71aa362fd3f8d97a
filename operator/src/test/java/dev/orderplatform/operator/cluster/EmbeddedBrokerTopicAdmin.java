package dev.orderplatform.operator.cluster;

import dev.orderplatform.infra.rocketmq.EmbeddedRocketMq;
import dev.orderplatform.infra.rocketmq.RocketMqSettings;
import dev.orderplatform.operator.platform.PlatformContract.Topic;
import dev.orderplatform.operator.rocketmq.RocketMqTopicAdmin;
import dev.orderplatform.operator.rocketmq.TopicAdmin;
import dev.orderplatform.operator.rocketmq.TopicsState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The operator's real admin client, aimed at an embedded name server and broker of its own whatever address a
 * platform names: pods have no network on a control plane without containers, so a platform's name server cannot
 * be reached by its DNS name.
 */
public final class EmbeddedBrokerTopicAdmin implements TopicAdmin, AutoCloseable {

    private final RocketMqTopicAdmin admin = new RocketMqTopicAdmin();
    private final EmbeddedRocketMq rocketmq;

    private EmbeddedBrokerTopicAdmin(EmbeddedRocketMq rocketmq) {
        this.rocketmq = rocketmq;
    }

    /** Starts the embedded name server and broker (under target/, not a temporary directory: they write while stopping). */
    public static EmbeddedBrokerTopicAdmin start() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return new EmbeddedBrokerTopicAdmin(EmbeddedRocketMq.start(
                    RocketMqSettings.fastForTests(), Files.createTempDirectory(target, "rocketmq-")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TopicsState inspect(String nameServerAddress, List<Topic> topics) {
        return admin.inspect(rocketmq.nameServerAddress(), topics);
    }

    @Override
    public TopicsState ensure(String nameServerAddress, List<Topic> topics) {
        return admin.ensure(rocketmq.nameServerAddress(), topics);
    }

    /** Returns at once: RocketMQ takes seconds to stop and nothing waits for it. */
    @Override
    public void close() {
        rocketmq.close(Duration.ZERO);
    }
}
