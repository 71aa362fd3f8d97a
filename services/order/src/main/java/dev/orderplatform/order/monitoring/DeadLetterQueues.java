package dev.orderplatform.order.monitoring;

import dev.orderplatform.order.RocketMqProperties;
import java.util.UUID;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The depth of a consumer group's dead-letter queue ({@code %DLQ%<group>}), read from the broker's queue offsets
 * through the admin API: both groups' queues are broker state, so one process reads both with one admin client.
 */
@Component
public class DeadLetterQueues implements DisposableBean {

    private static final int ADMIN_TIMEOUT_MS = 5_000;

    private final RocketMqProperties properties;
    private DefaultMQAdminExt admin;

    public DeadLetterQueues(RocketMqProperties properties) {
        this.properties = properties;
    }

    /** Messages in the group's dead-letter queue (max minus min offset of each queue); 0 before it first exists. */
    public synchronized long depth(String consumerGroup) throws MQClientException, InterruptedException {
        String topic = MixAll.getDLQTopic(consumerGroup);
        try {
            if (!onSomeBroker(topic)) {
                return 0;
            }
            return admin().examineTopicStats(topic).getOffsetTable().values().stream()
                    .mapToLong(offsets -> offsets.getMaxOffset() - offsets.getMinOffset())
                    .sum();
        } catch (RemotingException | MQBrokerException e) {
            throw new MQClientException("Cannot read the offsets of " + topic, e);
        }
    }

    /**
     * Whether a master broker has the topic (a broker creates a group's dead-letter topic with its first message).
     * Asked from each broker's topics: the offsets of a missing topic, like the name server's topic list, cost a
     * warning in a log (the client's, the name server's) every time, on a healthy platform once a minute.
     */
    private boolean onSomeBroker(String topic)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        for (BrokerData broker :
                admin().examineBrokerClusterInfo().getBrokerAddrTable().values()) {
            String master = broker.getBrokerAddrs().get(MixAll.MASTER_ID);
            if (master != null
                    && admin().getAllTopicConfig(master, ADMIN_TIMEOUT_MS)
                            .getTopicConfigTable()
                            .containsKey(topic)) {
                return true;
            }
        }
        return false;
    }

    private DefaultMQAdminExt admin() throws MQClientException {
        if (admin == null) {
            DefaultMQAdminExt started = new DefaultMQAdminExt(ADMIN_TIMEOUT_MS);
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
