package dev.orderplatform.order.protocol;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.order.RocketMqProperties;
import dev.orderplatform.web.tracing.MessageTracing;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * A9: the process's one long-lived transactional producer, in the stable group {@link Topics#ORDER_PRODUCER_GROUP},
 * so that the broker's check-backs always find a listener, also those of messages sent by a process that died.
 * Started before the web server and the consumers, stopped after them. Timer messages leave from its own threads
 * ({@link #inBackground}), in the caller's trace.
 */
public class TransactionalProducer implements SmartLifecycle {

    /** Starts before (and stops after) the timeout consumer and the web server. */
    public static final int PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(TransactionalProducer.class);

    /** Timer messages waiting for a sending thread; beyond that the caller sends its own (never dropped). */
    private static final int TIMER_QUEUE = 10_000;

    private static final int TIMER_THREADS = 2;

    /**
     * Nothing is batched (autoBatch stays off), but the client's batch accumulator runs two threads that sleep half
     * this hold between rounds, and its shutdown waits for their sleep to end. The default 5 ms cost ~7 ms of CPU per
     * second on an idle service; the longest hold (30 s) made every stop of the producer wait up to 15 s. 1 s: four
     * wake-ups a second, a stop within half a second.
     */
    private static final int ACCUMULATOR_HOLD_MS = 1_000;

    private final RocketMqProperties properties;
    private final ObjectProvider<TransactionListener> listener;
    private final BrokerRequestCounter requests;
    private final MessageTracing tracing;
    private volatile TransactionMQProducer producer;
    private volatile ThreadPoolExecutor checkExecutor;
    private volatile ExecutorService timerSender;
    private final ContextSnapshotFactory context =
            ContextSnapshotFactory.builder().build();

    public TransactionalProducer(
            RocketMqProperties properties,
            ObjectProvider<TransactionListener> listener,
            MeterRegistry registry,
            MessageTracing tracing) {
        this.properties = properties;
        this.listener = listener;
        this.requests = new BrokerRequestCounter(registry);
        this.tracing = tracing;
    }

    @Override
    public synchronized void start() {
        TransactionMQProducer created = new TransactionMQProducer(Topics.ORDER_PRODUCER_GROUP, requests);
        created.setNamesrvAddr(properties.nameServer());
        created.setInstanceName("order-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        // Known topics before start: the producer registers with their brokers at once, so it receives the
        // check-backs of half messages that a dead process of the same group left behind (A1).
        created.setTopics(List.of(Topics.ORDER_REBACK, Topics.ORDER_TIMEOUT));
        created.setSendMsgTimeout((int) properties.sendTimeout().toMillis());
        created.setRetryTimesWhenSendFailed(2);
        created.batchMaxDelayMs(ACCUMULATOR_HOLD_MS);
        checkExecutor = new ThreadPoolExecutor(
                properties.checkThreads(),
                properties.checkThreads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(2000),
                daemonThreads("order-check-back-"));
        created.setExecutorService(checkExecutor);
        created.setTransactionListener(new TracedTransactionListener(listener.getObject(), tracing));
        tracing.instrument(created); // half and timer messages carry the order's trace (docs/observability.md)
        try {
            created.start();
        } catch (MQClientException e) {
            checkExecutor.shutdownNow();
            throw new IllegalStateException("Cannot start the order producer against " + properties.nameServer(), e);
        }
        timerSender = new ThreadPoolExecutor(
                TIMER_THREADS,
                TIMER_THREADS,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(TIMER_QUEUE),
                daemonThreads("order-timer-sender-"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        producer = created;
        log.info(
                "Transactional producer of group {} started ({})",
                Topics.ORDER_PRODUCER_GROUP,
                created.getInstanceName());
    }

    @Override
    public synchronized void stop() {
        TransactionMQProducer running = producer;
        if (running != null) {
            producer = null;
            drainTimerSender();
            running.shutdown();
            checkExecutor.shutdown();
            log.info("Transactional producer of group {} stopped", Topics.ORDER_PRODUCER_GROUP);
        }
    }

    @Override
    public boolean isRunning() {
        return producer != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Sends a half message and runs the listener's local transaction for it in this thread with {@code arg}. */
    TransactionSendResult sendInTransaction(Message message, Object arg) throws MQClientException {
        return running().sendMessageInTransaction(message, arg);
    }

    /**
     * Runs {@code send} (which sends a timer message with {@link #sendDelayed}) on the producer's timer threads, in the
     * caller's trace and log context, so that the caller does not wait for the broker to store it.
     *
     * @throws IllegalStateException when the producer is not running
     */
    void inBackground(Runnable send) {
        running();
        try {
            timerSender.execute(context.captureAll().wrap(send));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("The order producer is stopping", e);
        }
    }

    /** Sends a timer message that the broker delivers after {@code delay} (RocketMQ 5 timer, any delay). */
    void sendDelayed(Message message, Duration delay) {
        message.setDelayTimeMs(Math.max(1, delay.toMillis()));
        SendResult result;
        try {
            result = running().send(message);
        } catch (MQClientException | RemotingException | MQBrokerException e) {
            throw new IllegalStateException("Timer message to " + message.getTopic() + " not sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending a timer message", e);
        }
        if (result.getSendStatus() != SendStatus.SEND_OK) {
            throw new IllegalStateException(
                    "Timer message to " + message.getTopic() + " not stored: " + result.getSendStatus());
        }
    }

    /** Lets the timer messages already handed over leave before the producer stops (a lost one is swept later). */
    private void drainTimerSender() {
        timerSender.shutdown();
        try {
            if (!timerSender.awaitTermination(properties.sendTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                log.warn("Timer messages still waiting at shutdown: the timeout sweeper closes those orders if unpaid");
                timerSender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timerSender.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger threads = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private TransactionMQProducer running() {
        TransactionMQProducer running = producer;
        if (running == null) {
            throw new IllegalStateException("The order producer is not running");
        }
        return running;
    }
}
