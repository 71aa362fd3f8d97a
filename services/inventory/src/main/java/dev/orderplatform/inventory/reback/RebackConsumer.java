package dev.orderplatform.inventory.reback;

import dev.orderplatform.contracts.Topics;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The {@code order_reback} push consumer (group {@code inventory-reback}), started and stopped with the Spring
 * context: as a {@link SmartLifecycle} it stops (letting messages being handled finish) before the context destroys
 * the DataSource on a graceful shutdown. Messages are handled concurrently and in no particular order; the handler
 * does not need any (A4, A5).
 */
@Component
public class RebackConsumer implements SmartLifecycle, MessageListenerConcurrently {

    private static final Logger log = LoggerFactory.getLogger(RebackConsumer.class);

    private final RebackMessageHandler handler;
    private final RebackProperties properties;
    private final String nameServer;
    private final MeterRegistry meters;
    private final MessageTracing tracing;
    private volatile DefaultMQPushConsumer consumer;

    public RebackConsumer(
            RebackMessageHandler handler,
            RebackProperties properties,
            @Value("${orderplatform.rocketmq.name-server}") String nameServer,
            MeterRegistry meters,
            MessageTracing tracing) {
        this.handler = handler;
        this.properties = properties;
        this.nameServer = nameServer;
        this.meters = meters;
        this.tracing = tracing;
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        // One message per call (batch size 1): a failure redelivers only that message.
        for (MessageExt message : messages) {
            try {
                handler.handle(message);
            } catch (RuntimeException failure) {
                // Database down, deadlock retries exhausted, parking impossible: nothing was committed, so the
                // message is redelivered later (with back-off) rather than lost.
                meters.counter("inventory.reback.failures").increment();
                log.error(
                        "Return message {} (order key {}, delivery {}) failed; it will be redelivered",
                        RebackMessageHandler.messageId(message),
                        message.getKeys(),
                        message.getReconsumeTimes() + 1,
                        failure);
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.warn("The order_reback consumer is disabled: returned stock will not come back");
            return;
        }
        DefaultMQPushConsumer pushConsumer = new DefaultMQPushConsumer(Topics.INVENTORY_REBACK_GROUP);
        pushConsumer.setNamesrvAddr(nameServer);
        // A new group starts at the oldest message kept: a return sent before the first deployment still counts,
        // and replaying one is harmless (A5).
        pushConsumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        pushConsumer.setConsumeMessageBatchMaxSize(1);
        pushConsumer.setConsumeThreadMin(properties.consumeThreads());
        pushConsumer.setConsumeThreadMax(properties.consumeThreads());
        pushConsumer.setMaxReconsumeTimes(properties.maxReconsumeTimes());
        pushConsumer.setAwaitTerminationMillisWhenShutdown(
                properties.shutdownAwait().toMillis());
        pushConsumer.registerMessageListener(this);
        tracing.instrument(pushConsumer); // a return continues the trace of the order's creation or close
        try {
            pushConsumer.subscribe(Topics.ORDER_REBACK, "*");
            pushConsumer.start();
        } catch (MQClientException failure) {
            pushConsumer.shutdown();
            throw new IllegalStateException("Cannot start the order_reback consumer on " + nameServer, failure);
        }
        consumer = pushConsumer;
        log.info("Consuming {} as group {} from {}", Topics.ORDER_REBACK, Topics.INVENTORY_REBACK_GROUP, nameServer);
    }

    @Override
    public void stop() {
        DefaultMQPushConsumer running = consumer;
        if (running != null) {
            consumer = null;
            // Waits for messages being handled (shutdownAwait) and persists the consumed offsets.
            running.shutdown();
            log.info("Stopped consuming {}", Topics.ORDER_REBACK);
        }
    }

    @Override
    public boolean isRunning() {
        return consumer != null;
    }
}
