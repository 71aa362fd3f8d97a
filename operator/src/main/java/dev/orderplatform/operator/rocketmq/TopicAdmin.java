package dev.orderplatform.operator.rocketmq;

import dev.orderplatform.operator.platform.PlatformContract.Topic;
import java.util.List;

/** Inspects and creates topics on a RocketMQ cluster. An interface so tests without a broker can record the calls. */
public interface TopicAdmin {

    /**
     * Which master brokers the name server knows and which of the topics, with their message type,
     * each of them lacks.
     *
     * @throws IllegalStateException when the name server or a broker cannot be asked
     */
    TopicsState inspect(String nameServerAddress, List<Topic> topics);

    /**
     * Creates or updates the topics that differ on every master broker the name server knows.
     *
     * @return the state afterwards; with no master broker registered, nothing was created
     * @throws IllegalStateException when the name server or a broker cannot be asked or refuses
     */
    TopicsState ensure(String nameServerAddress, List<Topic> topics);
}
