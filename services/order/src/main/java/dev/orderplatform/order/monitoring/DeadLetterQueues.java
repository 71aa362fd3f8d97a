package dev.orderplatform.order.monitoring;

import dev.orderplatform.order.RocketMqProperties;
import java.util.UUID;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The depth of a consumer group's dead-letter queue ({@code %DLQ%<group>}), read from the broker's queue offsets
 * through the admin API: both groups' queues are broker state, so one process reads both with one admin client.
 */
@Component
public class DeadLetterQueues implements DisposableBean {

    private final RocketMqProperties properties;
    private DefaultMQAdminExt admin;

    public DeadLetterQueues(RocketMqProperties properties) {
        this.properties = properties;
    }

    /** Messages in the group's dead-letter queue (max minus min offset of each queue); 0 before it first exists. */
    public synchronized long depth(String consumerGroup) throws MQClientException, InterruptedException {
        String topic = MixAll.getDLQTopic(consumerGroup);
        try {
            // The broker creates the topic with the group's first dead letter. Asked for the offsets of a topic it
            // does not have, the client logs a warning (the route lookup's): on a healthy platform, once a minute.
            if (!admin().fetchAllTopicList().getTopicList().contains(topic)) {
                return 0;
            }
            return admin().examineTopicStats(topic).getOffsetTable().values().stream()
                    .mapToLong(offsets -> offsets.getMaxOffset() - offsets.getMinOffset())
                    .sum();
        } catch (RemotingException | MQBrokerException e) {
            throw new MQClientException("Cannot read the offsets of " + topic, e);
        }
    }

    private DefaultMQAdminExt admin() throws MQClientException {
        if (admin == null) {
            DefaultMQAdminExt started = new DefaultMQAdminExt(5_000);
            started.setNamesrvAddr(properties.nameServer());
            started.setInstanceName(
                    "order-dlq-monitor-" + UUID.randomUUID().toString().substring(0, 8));
            started.start();
            admin = started;
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.shutdown();
            admin = null;
        }
    }
}
