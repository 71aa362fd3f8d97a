package dev.orderplatform.operator.rocketmq;

import java.util.List;

import dev.orderplatform.operator.platform.PlatformContract.Topic;

/** Creates topics on a RocketMQ cluster. An interface so tests without a broker can record the calls. */
public interface TopicAdmin {

  /**
   * Makes sure every topic exists with its message type on every master broker the name server
   * knows; creates or updates only what differs.
   *
   * @return the topics created or updated, empty when all were already right
   */
  List<String> ensureTopics(String nameServerAddress, List<Topic> topics);
}
