package dev.orderplatform.order.protocol;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.order.RocketMqProperties;
import dev.orderplatform.order.order.Order;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;

/**
 * BENCHMARKS ONLY ({@code orderplatform.protocol.mode=producer-per-request}): the classic blog's way of creating an
 * order, to measure what A9 buys. Each creation builds a new {@link TransactionMQProducer} of the order producer group,
 * starts it (its own client instance: threads, connections, a route lookup), sends the one half message with it and
 * shuts it down. Everything else is {@link ReliableMessageProtocol}: the same local transaction (fence, order, cart,
 * timeout message through the long-lived producer), the same close and repair, and the check-backs are still answered
 * by the process's long-lived {@link TransactionalProducer} (a half message whose producer is gone has nobody else).
 *
 * <p>Each per-request producer has an instance name of its own ({@value #INSTANCE_PREFIX}pid-n): the Java client
 * refuses a second producer of one group in one client instance, and sharing the client instance is the blog's
 * "client id" bug (one shutdown takes the shared instance down for everybody).
 */
class ProducerPerRequestProtocol implements OrderProtocol {

    /** Instance-name prefix of the per-request producers (their client ids contain it). */
    static final String INSTANCE_PREFIX = "order-per-request-";

    private final ReliableMessageProtocol reliable;
    private final RocketMqProperties properties;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final Counter started;
    private final Counter stopped;

    ProducerPerRequestProtocol(
            ReliableMessageProtocol reliable, RocketMqProperties properties, MeterRegistry registry) {
        this.reliable = reliable;
        this.properties = properties;
        this.started = Counter.builder("orderplatform.protocol.request.producers.started")
                .description("Per-request transactional producers started (protocol mode producer-per-request)")
                .register(registry);
        this.stopped = Counter.builder("orderplatform.protocol.request.producers.stopped")
                .description("Per-request transactional producers shut down (protocol mode producer-per-request)")
                .register(registry);
        Gauge.builder("orderplatform.protocol.request.producers.running", running, AtomicInteger::get)
                .description("Per-request transactional producers alive now (starting, sending or shutting down)")
                .register(registry);
    }

    @Override
    public Order create(NewOrder request) {
        return reliable.create(request, this::sendWithOwnProducer);
    }

    /** Deliberately without A9: a producer for this one half message, shut down once its transaction has ended. */
    private TransactionSendResult sendWithOwnProducer(Message message, Object creation) throws MQClientException {
        TransactionMQProducer producer = new TransactionMQProducer(Topics.ORDER_PRODUCER_GROUP);
        producer.setNamesrvAddr(properties.nameServer());
        producer.setInstanceName(INSTANCE_PREFIX + ProcessHandle.current().pid() + "-" + sequence.incrementAndGet());
        producer.setSendMsgTimeout((int) properties.sendTimeout().toMillis());
        producer.setRetryTimesWhenSendFailed(2);
        producer.setTransactionListener(reliable);
        running.incrementAndGet();
        try {
            producer.start();
            started.increment();
            try {
                return producer.sendMessageInTransaction(message, creation);
            } finally {
                producer.shutdown();
                stopped.increment();
            }
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public CloseResult closeIfUnpaid(String orderSn) {
        return reliable.closeIfUnpaid(orderSn);
    }

    @Override
    public boolean repair(String orderSn) {
        return reliable.repair(orderSn);
    }
}
