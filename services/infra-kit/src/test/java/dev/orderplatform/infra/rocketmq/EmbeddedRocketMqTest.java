package dev.orderplatform.infra.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.contracts.TimerLimits;
import dev.orderplatform.contracts.Topics;
import dev.orderplatform.infra.junit.WithPlatformInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.apache.rocketmq.broker.transaction.queue.TransactionalMessageServiceImpl;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;

@WithPlatformInfrastructure
class EmbeddedRocketMqTest {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void platformTopicsExistWithTheirMessageTypes(EmbeddedRocketMq mq) {
        assertThat(mq.nameServerAddress()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(mq.topicMessageType(Topics.ORDER_REBACK)).isEqualTo(TopicMessageType.TRANSACTION);
        assertThat(mq.topicMessageType(Topics.ORDER_TIMEOUT)).isEqualTo(TopicMessageType.DELAY);

        mq.createPlatformTopics(); // idempotent
        String topic = unique("fifo");
        mq.createTopic(topic, TopicMessageType.FIFO);
        mq.createTopic(topic, TopicMessageType.FIFO);
        assertThat(mq.topicMessageType(topic)).isEqualTo(TopicMessageType.FIFO);
        assertThat(mq.topicMessageType(unique("absent"))).isNull();
    }

    @Test
    void askingForATopicTheBrokerDoesNotHaveLogsNoError(EmbeddedRocketMq mq) {
        String absent = unique("absent");

        assertThat(mq.topicMessageType(absent)).isNull();

        // The broker's log is asynchronous.
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(logLinesNaming(absent)).isEmpty());
    }

    @Test
    void brokerHasNoSocketForSlaves(EmbeddedRocketMq mq) {
        // RocketMQ's own HA service would listen for slaves on all interfaces.
        assertThat(mq.broker().getMessageStore().getHaService()).isInstanceOf(NoReplicaHaService.class);
    }

    @Test
    void unknownTransactionIsCheckedBackByANewProducerOfTheSameGroup(EmbeddedRocketMq mq) throws Exception {
        String topic = unique("tx");
        String group = unique("tx-producer");
        mq.createTopic(topic, TopicMessageType.TRANSACTION);
        BlockingQueue<MessageExt> received = new LinkedBlockingQueue<>();
        DefaultMQPushConsumer consumer = consumer(mq, topic, received);

        // A producer whose local transaction outcome is unknown, and which then dies.
        TransactionMQProducer first = new TransactionMQProducer(group);
        first.setNamesrvAddr(mq.nameServerAddress());
        first.setInstanceName(unique("first"));
        first.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return LocalTransactionState.UNKNOW;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                return LocalTransactionState.UNKNOW;
            }
        });
        first.start();
        TransactionSendResult sent = first.sendMessageInTransaction(
                new Message(topic, "return-stock", "order-1".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(sent.getLocalTransactionState()).isEqualTo(LocalTransactionState.UNKNOW);
        long sentAt = System.currentTimeMillis();
        first.shutdown();

        // A new producer of the same group answers the broker's check-back.
        AtomicLong checkedAt = new AtomicLong();
        TransactionMQProducer second = new TransactionMQProducer(group);
        second.setNamesrvAddr(mq.nameServerAddress());
        second.setInstanceName(unique("second"));
        second.setTopics(List.of(topic)); // or it gets no check-backs until it sends itself
        second.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return LocalTransactionState.UNKNOW;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                checkedAt.compareAndSet(0, System.currentTimeMillis());
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        second.start();
        try {
            MessageExt message = received.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("committed by the check-back").isNotNull();
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("order-1");
            assertThat(checkedAt.get()).isPositive();
            System.out.printf(
                    "check-back %d ms after the UNKNOW, delivered %d ms after it%n",
                    checkedAt.get() - sentAt, System.currentTimeMillis() - sentAt);
            assertThat(received.poll(500, TimeUnit.MILLISECONDS))
                    .as("delivered once")
                    .isNull();
        } finally {
            second.shutdown();
            consumer.shutdown();
        }
    }

    @Test
    void aHalfMessageRolledBackByItsProducerIsNotLoggedAsAWarning(EmbeddedRocketMq mq) throws Exception {
        String topic = unique("tx-log");
        mq.createTopic(topic, TopicMessageType.TRANSACTION);
        // Ends each transaction as its argument says; rolls back on a check-back.
        TransactionMQProducer producer =
                startedProducer(mq, "tx-log-producer", (msg, arg) -> (LocalTransactionState) arg);
        try {
            // What every created order does with its "return the stock" message.
            TransactionSendResult ended = producer.sendMessageInTransaction(
                    new Message(topic, "ended".getBytes(StandardCharsets.UTF_8)),
                    LocalTransactionState.ROLLBACK_MESSAGE);
            // Rolled back later, by a check-back: RocketMQ's warning of that stays.
            TransactionSendResult checked = producer.sendMessageInTransaction(
                    new Message(topic, "checked".getBytes(StandardCharsets.UTF_8)), LocalTransactionState.UNKNOW);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(logLinesOf(checked))
                            .anyMatch(line -> line.contains(" WARN ") && line.contains("rollback the message")));
            assertThat(logLinesOf(ended)).noneMatch(line -> line.contains(" WARN "));
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void checkBackScansWithNothingToCheckLogNoWarning(EmbeddedRocketMq mq) throws Exception {
        String topic = unique("tx-scan");
        mq.createTopic(topic, TopicMessageType.TRANSACTION);
        TransactionMQProducer producer =
                startedProducer(mq, "tx-scan-producer", (msg, arg) -> LocalTransactionState.ROLLBACK_MESSAGE);
        try {
            // Half and op queues hold a message each: from now on every scan reads them to their ends.
            producer.sendMessageInTransaction(new Message(topic, "ended".getBytes(StandardCharsets.UTF_8)), null);
            int scans = checkBackScans().size();

            // Three more scans (one a second with these settings), each with nothing left to check.
            await().atMost(Duration.ofSeconds(30)).until(() -> checkBackScans().size() >= scans + 3);

            assertThat(EmbeddedRocketMq.logLines(line -> line.contains(" WARN ")
                            && (line.contains("No new message") || line.contains("is NO_NEW_MSG"))))
                    .isEmpty();
        } finally {
            producer.shutdown();
        }
    }

    /** The INFO line each check-back scan of the half queue starts with. */
    private static List<String> checkBackScans() throws IOException {
        return EmbeddedRocketMq.logLines(line -> line.contains("Before check, the queue="));
    }

    /** A started producer of a new group whose local transactions end as {@code local} says; check-backs roll back. */
    private static TransactionMQProducer startedProducer(
            EmbeddedRocketMq mq, String group, BiFunction<Message, Object, LocalTransactionState> local)
            throws MQClientException {
        TransactionMQProducer producer = new TransactionMQProducer(unique(group));
        producer.setNamesrvAddr(mq.nameServerAddress());
        producer.setInstanceName(unique(group));
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return local.apply(msg, arg);
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                return LocalTransactionState.ROLLBACK_MESSAGE;
            }
        });
        producer.start();
        return producer;
    }

    /** The broker's log lines (this JVM's RocketMQ log) that name the transaction. */
    private static List<String> logLinesOf(TransactionSendResult sent) throws IOException {
        return logLinesNaming(sent.getTransactionId());
    }

    private static List<String> logLinesNaming(String name) throws IOException {
        return EmbeddedRocketMq.logLines(line -> line.contains(name));
    }

    @Test
    void idleBrokerDoesNotSpinItsTransactionOpThread(EmbeddedRocketMq mq) throws Exception {
        String topic = unique("tx-idle");
        mq.createTopic(topic, TopicMessageType.TRANSACTION);
        TransactionMQProducer producer =
                startedProducer(mq, "tx-idle-producer", (msg, arg) -> LocalTransactionState.ROLLBACK_MESSAGE);
        try {
            // A resolved transaction leaves its queue's op context behind, written once and then idle.
            producer.sendMessageInTransaction(new Message(topic, "idle".getBytes(StandardCharsets.UTF_8)), null);
        } finally {
            producer.shutdown();
        }
        TransactionalMessageServiceImpl service =
                (TransactionalMessageServiceImpl) mq.broker().getTransactionalMessageService();
        Thread.sleep(3L * mq.settings().transactionOpBatchIntervalMs());

        // Stock RocketMQ 5.5.0 answers 0 here ("run again at once"): its op-batch thread then spins a core.
        // Other test classes share this broker, so wait for a moment when none of their ops is pending.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            long now = System.currentTimeMillis();
            assertThat(service.batchSendOpMessage())
                    .as("next wake-up of the op-batch thread")
                    .isGreaterThan(now);
        });
    }

    @Test
    void timerMessageArrivesAfterItsDelay(EmbeddedRocketMq mq) throws Exception {
        String topic = unique("timer");
        mq.createTopic(topic, TopicMessageType.DELAY);
        BlockingQueue<MessageExt> received = new LinkedBlockingQueue<>();
        DefaultMQPushConsumer consumer = consumer(mq, topic, received);
        DefaultMQProducer producer = new DefaultMQProducer(unique("timer-producer"));
        producer.setNamesrvAddr(mq.nameServerAddress());
        producer.setInstanceName(unique("timer"));
        producer.start();
        try {
            Message message = new Message(topic, "close-order", "order-2".getBytes(StandardCharsets.UTF_8));
            message.setDelayTimeMs(2_000);
            long sentAt = System.currentTimeMillis();
            assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

            MessageExt delivered = received.poll(12, TimeUnit.SECONDS);
            assertThat(delivered).isNotNull();
            assertThat(new String(delivered.getBody(), StandardCharsets.UTF_8)).isEqualTo("order-2");
            // When the consumer got it, as the client stamped it: a wait after send() returned would also count the
            // time send() itself took, which under load made a punctual delivery look early.
            long deliveredAt = Long.parseLong(delivered.getProperty(MessageConst.PROPERTY_CONSUME_START_TIMESTAMP));
            long late = deliveredAt - sentAt - 2_000;
            System.out.printf("timer message delivered %d ms after its due time%n", late);
            assertThat(late)
                    .as("not before its time (timer precision 100 ms), at most 3 s late")
                    .isBetween(-mq.settings().timerPrecisionMs() - 50L, 3_000L);
        } finally {
            producer.shutdown();
            consumer.shutdown();
        }
    }

    @Test
    void timerMessagesBeyondTheBrokersLimitAreRefused(EmbeddedRocketMq mq) throws Exception {
        assertThat(mq.settings().timerMaxDelay()).isEqualTo(TimerLimits.BROKER_DEFAULT_TIMER_MAX_DELAY);
        DefaultMQProducer producer = new DefaultMQProducer(unique("timer-limit-producer"));
        producer.setNamesrvAddr(mq.nameServerAddress());
        producer.setInstanceName(unique("timer-limit"));
        producer.start();
        try {
            Message inFourDays = new Message(Topics.ORDER_TIMEOUT, "order-3".getBytes(StandardCharsets.UTF_8));
            inFourDays.setDelayTimeMs(Duration.ofDays(4).toMillis());

            assertThatThrownBy(() -> producer.send(inFourDays))
                    .isInstanceOfSatisfying(
                            MQBrokerException.class,
                            refused -> assertThat(refused.getResponseCode()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL));
        } finally {
            producer.shutdown();
        }
    }

    static DefaultMQPushConsumer consumer(EmbeddedRocketMq mq, String topic, BlockingQueue<MessageExt> received)
            throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(unique("consumer"));
        consumer.setNamesrvAddr(mq.nameServerAddress());
        consumer.setInstanceName(unique("consumer"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        // Its first rebalance bumps the subscription's version; when the heartbeat that carries it to the broker loses
        // a race with another ("sendHeartbeatToAllBrokerWithLockV2 lock heartBeat, but failed"), the broker refuses
        // every pull as "subscription is not latest" until the next heartbeat: 30 s by default, longer than these
        // tests wait (a fresh-clone CI run failed so). One heartbeat a second ends that in a second.
        consumer.setHeartbeatBrokerInterval(1_000);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            received.addAll(messages);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }
}
