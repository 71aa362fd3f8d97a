package dev.orderplatform.operator.rocketmq;

import dev.orderplatform.operator.platform.PlatformContract.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.attribute.TopicMessageType;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/** {@link TopicAdmin} through RocketMQ's admin client, the one mqadmin uses. */
public class RocketMqTopicAdmin implements TopicAdmin {

    private static final int QUEUES = 8;
    private static final int ADMIN_TIMEOUT_MS = 10_000;
    private static final String MESSAGE_TYPE_ATTRIBUTE = "message.type";

    /** One admin call: a fresh client, started and shut down around it. */
    private interface AdminCall {
        TopicsState apply(DefaultMQAdminExt admin) throws Exception;
    }

    @Override
    public TopicsState inspect(String nameServerAddress, List<Topic> topics) {
        return withAdmin("inspect", nameServerAddress, admin -> state(admin, nameServerAddress, topics));
    }

    @Override
    public TopicsState ensure(String nameServerAddress, List<Topic> topics) {
        return withAdmin("create", nameServerAddress, admin -> {
            for (String master : masters(admin).values()) {
                var existing = topicConfigs(admin, master);
                for (Topic topic : topics) {
                    if (!hasMessageType(existing, topic)) {
                        admin.createAndUpdateTopicConfig(master, topicConfig(topic));
                    }
                }
            }
            return state(admin, nameServerAddress, topics);
        });
    }

    private static TopicsState withAdmin(String action, String nameServerAddress, AdminCall call) {
        var admin = new DefaultMQAdminExt(ADMIN_TIMEOUT_MS);
        admin.setNamesrvAddr(nameServerAddress);
        // Own instance name: several platforms share the operator's JVM, each with its own name servers.
        admin.setInstanceName("orderplatform-operator-" + UUID.randomUUID());
        admin.setVipChannelEnabled(false);
        try {
            admin.start();
            return call.apply(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asked to " + action + " topics", e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot " + action + " topics through name server " + nameServerAddress + ": " + e.getMessage(), e);
        } finally {
            admin.shutdown();
        }
    }

    private static TopicsState state(DefaultMQAdminExt admin, String nameServerAddress, List<Topic> topics)
            throws Exception {
        var masters = masters(admin);
        var missing = new ArrayList<String>();
        for (var master : masters.entrySet()) {
            var existing = topicConfigs(admin, master.getValue());
            for (Topic topic : topics) {
                if (!hasMessageType(existing, topic)) {
                    missing.add(topic.name() + "@" + master.getKey());
                }
            }
        }
        return TopicsState.found(nameServerAddress, List.copyOf(masters.keySet()), missing);
    }

    /** Address of each master broker by broker name; slaves replicate their master's topics. */
    private static Map<String, String> masters(DefaultMQAdminExt admin) throws Exception {
        var masters = new TreeMap<String, String>();
        for (var broker : admin.examineBrokerClusterInfo().getBrokerAddrTable().values()) {
            String master = broker.getBrokerAddrs().get(MixAll.MASTER_ID);
            if (master != null) {
                masters.put(broker.getBrokerName(), master);
            }
        }
        return masters;
    }

    /**
     * The broker's topics by name, all of them in one request: asked about a topic it does not have
     * ({@code examineTopicConfig}), the broker logs an ERROR, at every platform's first reconcile.
     */
    private static Map<String, TopicConfig> topicConfigs(DefaultMQAdminExt admin, String broker) throws Exception {
        return admin.getAllTopicConfig(broker, ADMIN_TIMEOUT_MS).getTopicConfigTable();
    }

    private static boolean hasMessageType(Map<String, TopicConfig> existing, Topic topic) {
        TopicConfig config = existing.get(topic.name());
        return config != null && config.getTopicMessageType() == TopicMessageType.valueOf(topic.messageType());
    }

    private static TopicConfig topicConfig(Topic topic) {
        var config = new TopicConfig(topic.name(), QUEUES, QUEUES);
        config.setAttributes(Map.of("+" + MESSAGE_TYPE_ATTRIBUTE, topic.messageType()));
        return config;
    }
}
