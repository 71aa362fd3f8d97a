package dev.orderplatform.operator.rocketmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.attribute.TopicMessageType;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import dev.orderplatform.operator.platform.PlatformContract.Topic;

/** {@link TopicAdmin} through RocketMQ's admin client, the one mqadmin uses. */
public class RocketMqTopicAdmin implements TopicAdmin {

  private static final int QUEUES = 8;
  private static final String MESSAGE_TYPE_ATTRIBUTE = "message.type";

  @Override
  public List<String> ensureTopics(String nameServerAddress, List<Topic> topics) {
    var admin = new DefaultMQAdminExt(10_000);
    admin.setNamesrvAddr(nameServerAddress);
    // Own instance name: several platforms share the operator's JVM, each with its own name servers.
    admin.setInstanceName("orderplatform-operator-" + UUID.randomUUID());
    admin.setVipChannelEnabled(false);
    try {
      admin.start();
      var changed = new ArrayList<String>();
      for (var broker : admin.examineBrokerClusterInfo().getBrokerAddrTable().values()) {
        String master = broker.getBrokerAddrs().get(MixAll.MASTER_ID);
        if (master == null) {
          continue;
        }
        for (Topic topic : topics) {
          if (!hasMessageType(admin, master, topic)) {
            admin.createAndUpdateTopicConfig(master, topicConfig(topic));
            changed.add(topic.name() + "@" + broker.getBrokerName());
          }
        }
      }
      return changed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topics through name server " + nameServerAddress
          + ": " + e.getMessage(), e);
    } finally {
      admin.shutdown();
    }
  }

  private static boolean hasMessageType(DefaultMQAdminExt admin, String broker, Topic topic) throws Exception {
    try {
      TopicConfig existing = admin.examineTopicConfig(broker, topic.name());
      return existing != null && existing.getTopicMessageType() == TopicMessageType.valueOf(topic.messageType());
    } catch (MQBrokerException e) {
      return false; // the broker answers "topic not exist" with an error
    }
  }

  private static TopicConfig topicConfig(Topic topic) {
    var config = new TopicConfig(topic.name(), QUEUES, QUEUES);
    config.setAttributes(Map.of("+" + MESSAGE_TYPE_ATTRIBUTE, topic.messageType()));
    return config;
  }
}
