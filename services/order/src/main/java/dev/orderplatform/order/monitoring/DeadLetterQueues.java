package dev.orderplatform.order.monitoring;

import dev.orderplatform.order.RocketMqProperties;
import java.util.UUID;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
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
        try {
            return admin().examineTopicStats(MixAll.getDLQTopic(consumerGroup)).getOffsetTable().values().stream()
                    .mapToLong(offsets -> offsets.getMaxOffset() - offsets.getMinOffset())
                    .sum();
        } catch (MQClientException e) {
            if (e.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return 0; // the broker creates a group's dead-letter topic with its first message
            }
            throw e;
        } catch (RemotingException | MQBrokerException e) {
            throw new MQClientException("Cannot read the offsets of " + MixAll.getDLQTopic(consumerGroup), e);
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
