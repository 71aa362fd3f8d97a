package dev.orderplatform.order.support;

import java.util.List;
import java.util.UUID;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.topic.TopicValidator;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * What the broker stored, looked up through its key index with the admin API: the order service keys every message
 * with the order number, on the business topics and on the system topics that hold half messages and pending timer
 * messages.
 */
public final class BrokerMessages implements AutoCloseable {

    /** Where the broker keeps half messages until they are committed or rolled back. */
    public static final String HALF_TOPIC = TopicValidator.RMQ_SYS_TRANS_HALF_TOPIC;
    /** Where the broker keeps timer messages until they are due (TimerMessageStore.TIMER_TOPIC). */
    public static final String TIMER_TOPIC = "rmq_sys_wheel_timer";

    private final String nameServer;
    private final DefaultMQAdminExt admin;

    private BrokerMessages(String nameServer) {
        this.nameServer = nameServer;
        admin = new DefaultMQAdminExt(5_000);
        admin.setNamesrvAddr(nameServer);
        admin.setInstanceName("order-test-admin-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            admin.start();
        } catch (MQClientException e) {
            throw new IllegalStateException("Cannot start an admin client against " + nameServer, e);
        }
    }

    public static BrokerMessages open() {
        return new BrokerMessages(Platform.get().infra().rocketMq().nameServerAddress());
    }

    /** Messages the broker stored on {@code topic} with the key {@code key} (as its index finds them). */
    public List<MessageExt> withKey(String topic, String key) {
        try {
            QueryResult result = admin.queryMessage(topic, key, 64, 0, System.currentTimeMillis() + 3_600_000);
            return result.getMessageList().stream()
                    .filter(m -> key.equals(m.getKeys()))
                    .toList();
        } catch (MQClientException e) {
            if (e.getResponseCode() == ResponseCode.NO_MESSAGE
                    || String.valueOf(e.getMessage()).contains("no message")) {
                return List.of();
            }
            throw new IllegalStateException("Query of " + topic + " by key " + key + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a plain message with {@code key} to {@code topic}: a control that {@link #withKey} finds what is there. */
    public void send(String topic, String key, byte[] body) {
        DefaultMQProducer producer = new DefaultMQProducer("order-test-control");
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(
                "order-test-control-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            producer.start();
            Message message = new Message(topic, body);
            message.setKeys(key);
            if (producer.send(message).getSendStatus() != SendStatus.SEND_OK) {
                throw new IllegalStateException("control message not stored");
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send a control message to " + topic, e);
        } finally {
            producer.shutdown();
        }
    }

    @Override
    public void close() {
        admin.shutdown();
    }
}
