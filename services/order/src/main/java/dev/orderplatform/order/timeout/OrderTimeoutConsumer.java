package dev.orderplatform.order.timeout;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.orderplatform.contracts.Topics;
import dev.orderplatform.contracts.messaging.v1.OrderTimeoutDue;
import dev.orderplatform.order.RocketMqProperties;
import dev.orderplatform.order.protocol.OrderProtocol;
import dev.orderplatform.order.protocol.OrderProtocol.CloseResult;
import dev.orderplatform.order.protocol.TransactionalProducer;
import dev.orderplatform.web.tracing.MessageTracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Consumer group {@code order-timeout} of the timer topic {@code order_timeout}: each message closes one order if it
 * is still unpaid (the protocol makes the close and the stock return one transactional message, A8). A missing
 * order is a no-op, a paid one is left alone; when the close cannot be decided now, the message is consumed later.
 * A message that never arrives (its send failed, the dead-letter queue after the retries, an offset reset) is made
 * up for by the {@link TimeoutSweeper}.
 * Starts after and stops before the producer.
 */
public class OrderTimeoutConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderTimeoutConsumer.class);

    private final RocketMqProperties properties;
    private final OrderProtocol protocol;
    private final MeterRegistry metrics;
    private final MessageTracing tracing;
    private final TimeoutLateness lateness;
    private volatile DefaultMQPushConsumer consumer;

    public OrderTimeoutConsumer(
            RocketMqProperties properties,
            OrderProtocol protocol,
            MeterRegistry metrics,
            MessageTracing tracing,
            TimeoutLateness lateness) {
        this.properties = properties;
        this.protocol = protocol;
        this.metrics = metrics;
        this.tracing = tracing;
        this.lateness = lateness;
    }

    @Override
    public synchronized void start() {
        DefaultMQPushConsumer created = new DefaultMQPushConsumer(Topics.ORDER_TIMEOUT_GROUP);
        created.setNamesrvAddr(properties.nameServer());
        created.setInstanceName("order-timeout-" + ProcessHandle.current().pid() + "-" + System.identityHashCode(this));
        created.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        created.setConsumeMessageBatchMaxSize(1);
        created.setAwaitTerminationMillisWhenShutdown(5_000);
        created.registerMessageListener((MessageListenerConcurrently) this::consume);
        tracing.instrument(created); // the close continues the trace of the order's creation
        try {
            created.subscribe(Topics.ORDER_TIMEOUT, "*");
            created.start();
        } catch (MQClientException e) {
            throw new IllegalStateException(
                    "Cannot start the order-timeout consumer against " + properties.nameServer(), e);
        }
        consumer = created;
    }

    ConsumeConcurrentlyStatus consume(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        for (MessageExt message : messages) {
            String orderSn;
            try {
                orderSn = OrderTimeoutDue.parseFrom(message.getBody()).getOrderSn();
            } catch (InvalidProtocolBufferException e) {
                log.error("Unreadable timeout message {} dropped", message.getMsgId());
                continue;
            }
            CloseResult result = protocol.closeIfUnpaid(orderSn);
            metrics.counter("orderplatform.timeouts.consumed", "result", result.name())
                    .increment();
            log.debug("Timeout of order {}: {}", orderSn, result);
            if (result == CloseResult.CLOSED) {
                lateness.closed(orderSn);
            }
            if (result == CloseResult.RETRY) {
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }

    @Override
    public synchronized void stop() {
        DefaultMQPushConsumer running = consumer;
        if (running != null) {
            consumer = null;
            running.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return consumer != null;
    }

    @Override
    public int getPhase() {
        return TransactionalProducer.PHASE + 100;
    }
}
