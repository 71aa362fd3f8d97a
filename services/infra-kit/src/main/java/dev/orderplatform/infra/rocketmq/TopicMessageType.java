package dev.orderplatform.infra.rocketmq;

/**
 * Message type of a RocketMQ 5 topic, stored as the topic attribute {@code message.type}.
 *
 * <p>The broker and the proxy use it to check that a topic only receives messages of its kind;
 * the platform's contract (docs/protocol.md) is {@code order_reback} = {@link #TRANSACTION} and
 * {@code order_timeout} = {@link #DELAY}.
 */
public enum TopicMessageType {
    /** Plain messages. */
    NORMAL,
    /** Transactional ("half") messages, committed or rolled back by the producer or its check-back. */
    TRANSACTION,
    /** Timer messages delivered at an arbitrary time ({@code Message.setDelayTimeMs} / {@code setDeliverTimeMs}). */
    DELAY,
    /** Ordered messages within a message group. */
    FIFO;

    org.apache.rocketmq.common.attribute.TopicMessageType toRocketMq() {
        return org.apache.rocketmq.common.attribute.TopicMessageType.valueOf(name());
    }
}
