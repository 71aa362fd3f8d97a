package dev.orderplatform.web.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.hook.ConsumeMessageContext;
import org.apache.rocketmq.client.hook.ConsumeMessageHook;
import org.apache.rocketmq.client.hook.EndTransactionContext;
import org.apache.rocketmq.client.hook.EndTransactionHook;
import org.apache.rocketmq.client.hook.SendMessageContext;
import org.apache.rocketmq.client.hook.SendMessageHook;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.jspecify.annotations.Nullable;

/**
 * Tracing of RocketMQ messages, which has no Micrometer instrumentation of its own: an observation per message sent,
 * per message consumed, per end of a transaction, per local transaction and per transaction check-back. The trace
 * context travels in the message's user properties (W3C {@code traceparent}, written and read by the tracer's
 * propagator), so a consumer, or a check-back hours later, continues the sender's trace.
 *
 * <p>Sends, consumption and ends of transactions are observed through the client's own hooks ({@link #instrument}),
 * so the code that sends and consumes stays as it is. Every span names the message's first key, which is the order
 * number on the platform's topics, and the log lines written while a consumer handles a message carry it
 * ({@link OrderLogContext}).
 */
public final class MessageTracing {

    private static final String SYSTEM = "rocketmq";

    private final ObservationRegistry registry;

    public MessageTracing(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** Traces every message the producer sends (normal, half and timer messages) and every end of a transaction. */
    public void instrument(DefaultMQProducer producer) {
        producer.getDefaultMQProducerImpl().registerSendMessageHook(new SendHook());
        producer.getDefaultMQProducerImpl().registerEndTransactionHook(new EndHook());
    }

    /** Traces every message the consumer hands to its listener, one at a time (the platform's batch size is 1). */
    public void instrument(DefaultMQPushConsumer consumer) {
        consumer.getDefaultMQPushConsumerImpl().registerConsumeMessageHook(new ConsumeHook());
    }

    /**
     * Runs the local transaction of a half message ({@code kind}: what it is for), inside the send, in the current
     * trace: a span {@code local transaction <kind>} tagged with its verdict, with the order number in the log context.
     */
    public <T> T localTransaction(Message message, String kind, Function<T, String> verdict, Supplier<T> transaction) {
        return observe(
                Observation.createNotStarted("rocketmq.transaction.local", registry)
                        .lowCardinalityKeyValue("kind", kind),
                "local transaction " + kind,
                message,
                verdict,
                transaction);
    }

    /**
     * Runs the answer to a transaction check-back, which the broker sends for a half message whose sender did not end
     * it: a span {@code check-back <kind>} that continues the trace of the message's sender, tagged with the verdict.
     */
    public <T> T checkBack(MessageExt message, String kind, Function<T, String> verdict, Supplier<T> check) {
        return observe(
                receiving("rocketmq.transaction.check", message).lowCardinalityKeyValue("kind", kind),
                "check-back " + kind,
                message,
                verdict,
                check);
    }

    private static <T> T observe(
            Observation observation, String name, Message message, Function<T, String> verdict, Supplier<T> step) {
        observation.contextualName(name);
        describe(observation, message);
        observation.start();
        try (Observation.Scope scope = observation.openScope();
                OrderLogContext.Scope orderSn = OrderLogContext.scoped(firstKey(message))) {
            T result = step.get();
            observation.lowCardinalityKeyValue("outcome", verdict.apply(result));
            return result;
        } catch (RuntimeException | Error e) {
            observation.lowCardinalityKeyValue("outcome", "EXCEPTION").error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    private Observation receiving(String name, MessageExt message) {
        ReceiverContext<MessageExt> context =
                new ReceiverContext<>((carrier, key) -> carrier.getUserProperty(key), Kind.CONSUMER);
        context.setCarrier(message);
        context.setRemoteServiceName(SYSTEM);
        return Observation.createNotStarted(name, () -> context, registry);
    }

    private static void describe(Observation observation, Message message) {
        observation
                .lowCardinalityKeyValue("messaging.system", SYSTEM)
                .lowCardinalityKeyValue("messaging.destination.name", message.getTopic());
        String key = firstKey(message);
        if (key != null) {
            observation.highCardinalityKeyValue("messaging.rocketmq.message.keys", key);
        }
    }

    private static @Nullable String firstKey(Message message) {
        String keys = message.getKeys();
        if (keys == null || keys.isBlank()) {
            return null;
        }
        return keys.trim().split(MessageConst.KEY_SEPARATOR)[0];
    }

    /** What the message is, in the span name: the platform's half messages and timer messages are its protocol. */
    private static String kindOf(Message message) {
        if ("true".equals(message.getProperty(MessageConst.PROPERTY_TRANSACTION_PREPARED))) {
            return "half message";
        }
        if (message.getProperty(MessageConst.PROPERTY_TIMER_DELAY_MS) != null
                || message.getProperty(MessageConst.PROPERTY_TIMER_DELAY_SEC) != null
                || message.getProperty(MessageConst.PROPERTY_TIMER_DELIVER_MS) != null) {
            return "timer message";
        }
        return "message";
    }

    private final class SendHook implements SendMessageHook {

        @Override
        public String hookName() {
            return "orderplatform-send-tracing";
        }

        @Override
        public void sendMessageBefore(SendMessageContext context) {
            Message message = context.getMessage();
            SenderContext<Message> sending = new SenderContext<>(
                    (carrier, key, value) -> {
                        if (carrier != null && !value.isBlank()) {
                            carrier.putUserProperty(key, value);
                        }
                    },
                    Kind.PRODUCER);
            sending.setCarrier(message);
            sending.setRemoteServiceName(SYSTEM);
            String kind = kindOf(message);
            Observation observation = Observation.createNotStarted("rocketmq.send", () -> sending, registry)
                    .contextualName("send " + kind + " " + message.getTopic())
                    .lowCardinalityKeyValue("messaging.operation", "send")
                    .lowCardinalityKeyValue("messaging.rocketmq.message.type", kind);
            describe(observation, message);
            // Started before the request is encoded: the propagator writes the trace context into the message now.
            context.setMqTraceContext(observation.start());
        }

        @Override
        public void sendMessageAfter(SendMessageContext context) {
            if (context.getMqTraceContext() instanceof Observation observation) {
                // The same tag keys on every send: they are a metric's too.
                if (context.getException() != null) {
                    observation.lowCardinalityKeyValue("outcome", "EXCEPTION").error(context.getException());
                } else if (context.getSendResult() != null) {
                    observation
                            .lowCardinalityKeyValue(
                                    "outcome",
                                    context.getSendResult().getSendStatus().name())
                            .highCardinalityKeyValue(
                                    "messaging.message.id",
                                    context.getSendResult().getMsgId());
                } else {
                    observation.lowCardinalityKeyValue("outcome", "UNKNOWN");
                }
                observation.stop();
            }
        }
    }

    private final class EndHook implements EndTransactionHook {

        @Override
        public String hookName() {
            return "orderplatform-end-transaction-tracing";
        }

        /**
         * Called as the client sends its verdict (one-way). After a local transaction the span belongs to the trace in
         * progress; after a check-back, to the message's own trace.
         */
        @Override
        public void endTransaction(EndTransactionContext context) {
            Message message = context.getMessage();
            Observation observation = context.isFromTransactionCheck() && message instanceof MessageExt received
                    ? receiving("rocketmq.end-transaction", received)
                    : Observation.createNotStarted("rocketmq.end-transaction", registry);
            observation
                    .contextualName("end transaction " + message.getTopic())
                    .lowCardinalityKeyValue(
                            "outcome", context.getTransactionState().name())
                    .lowCardinalityKeyValue("check-back", String.valueOf(context.isFromTransactionCheck()));
            describe(observation, message);
            observation.start().stop();
        }
    }

    private final class ConsumeHook implements ConsumeMessageHook {

        @Override
        public String hookName() {
            return "orderplatform-consume-tracing";
        }

        @Override
        public void consumeMessageBefore(ConsumeMessageContext context) {
            List<MessageExt> messages = context.getMsgList();
            if (messages == null || messages.size() != 1) {
                return; // a batch has no single sender to continue
            }
            MessageExt message = messages.get(0);
            Observation observation = receiving("rocketmq.receive", message)
                    .contextualName("receive " + message.getTopic())
                    .lowCardinalityKeyValue("messaging.operation", "receive")
                    .lowCardinalityKeyValue("messaging.consumer.group.name", context.getConsumerGroup())
                    .highCardinalityKeyValue("messaging.message.id", message.getMsgId())
                    .highCardinalityKeyValue(
                            "messaging.rocketmq.message.delivery", String.valueOf(message.getReconsumeTimes() + 1));
            describe(observation, message);
            observation.start();
            // The listener runs in this thread between the two hooks: its spans and log lines belong to the message.
            context.setMqTraceContext(
                    new Consuming(observation, observation.openScope(), OrderLogContext.scoped(firstKey(message))));
        }

        @Override
        public void consumeMessageAfter(ConsumeMessageContext context) {
            if (context.getMqTraceContext() instanceof Consuming consuming) {
                consuming.orderSn().close();
                consuming.scope().close();
                consuming
                        .observation()
                        .lowCardinalityKeyValue(
                                "outcome", context.getStatus() != null ? context.getStatus() : "UNKNOWN")
                        .stop();
            }
        }
    }

    private record Consuming(Observation observation, Observation.Scope scope, OrderLogContext.Scope orderSn) {}
}
