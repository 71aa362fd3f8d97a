package dev.orderplatform.infra.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.contracts.TimerLimits;
import dev.orderplatform.contracts.Topics;
import dev.orderplatform.infra.support.MoreFiles;
import dev.orderplatform.infra.support.Ports;
import dev.orderplatform.infra.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;

class RocketMqServerMainTest {

    @Test
    void printsReadyAndKeepsMessagesAcrossARestartOnTheSamePorts() throws Exception {
        Path workDir = Path.of(
                        "target/mains/rocketmq-" + ProcessHandle.current().pid())
                .toAbsolutePath();
        MoreFiles.deleteRecursively(workDir);
        int nameServerPort = Ports.freePort();
        int brokerPort = Ports.freeBrokerPort();
        List<String> args = List.of(
                "--work-dir",
                workDir.toString(),
                "--namesrv-port",
                Integer.toString(nameServerPort),
                "--broker-port",
                Integer.toString(brokerPort),
                "--settings",
                "fast");
        String expected = "ROCKETMQ READY namesrv=127.0.0.1:" + nameServerPort;
        String returnBody = "return-" + UUID.randomUUID();
        String timeoutBody = "timeout-" + UUID.randomUUID();

        try (ChildJvm main =
                ChildJvm.start(RocketMqServerMain.class, args, "ROCKETMQ READY", workDir.resolve("main-1.log"))) {
            assertThat(ready(main)).isEqualTo(expected);
            String nameServer = "127.0.0.1:" + nameServerPort;

            TransactionMQProducer producer = new TransactionMQProducer("infra-kit-main-test");
            producer.setNamesrvAddr(nameServer);
            producer.setInstanceName("main-test-" + UUID.randomUUID());
            producer.setTransactionListener(new TransactionListener() {
                @Override
                public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                    return LocalTransactionState.COMMIT_MESSAGE;
                }

                @Override
                public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                    return LocalTransactionState.COMMIT_MESSAGE;
                }
            });
            producer.start();
            DefaultMQProducer timerProducer = new DefaultMQProducer("infra-kit-main-test-timer");
            timerProducer.setNamesrvAddr(nameServer);
            timerProducer.setInstanceName("main-test-timer-" + UUID.randomUUID());
            timerProducer.start();
            try {
                var sent = producer.sendMessageInTransaction(
                        new Message(Topics.ORDER_REBACK, returnBody.getBytes(StandardCharsets.UTF_8)), null);
                assertThat(sent.getLocalTransactionState()).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
                Message timer = new Message(Topics.ORDER_TIMEOUT, timeoutBody.getBytes(StandardCharsets.UTF_8));
                timer.setDelayTimeMs(5_000); // due after the restart
                assertThat(timerProducer.send(timer).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            } finally {
                producer.shutdown();
                timerProducer.shutdown();
            }
            long stopping = System.nanoTime();
            main.stop(Duration.ofSeconds(30));
            System.out.printf("RocketMqServerMain stopped in %d ms%n", (System.nanoTime() - stopping) / 1_000_000);
        }

        try (ChildJvm main =
                ChildJvm.start(RocketMqServerMain.class, args, "ROCKETMQ READY", workDir.resolve("main-2.log"))) {
            assertThat(ready(main)).isEqualTo(expected);
            Set<String> received = ConcurrentHashMap.newKeySet();
            DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("infra-kit-main-test-" + UUID.randomUUID());
            consumer.setNamesrvAddr("127.0.0.1:" + nameServerPort);
            consumer.setInstanceName("main-test-consumer-" + UUID.randomUUID());
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.subscribe(Topics.ORDER_REBACK, "*");
            consumer.subscribe(Topics.ORDER_TIMEOUT, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                messages.forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (received.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(received).as("kept across the restart").containsExactlyInAnyOrder(returnBody, timeoutBody);
            } finally {
                consumer.shutdown();
            }
            main.kill(); // the launcher's chaos runs do this; nothing to wait for
        }
    }

    @Test
    void acceptsTimerMessagesUpToTheConfiguredLimit() throws Exception {
        Path workDir = Path.of(
                        "target/mains/rocketmq-timer-" + ProcessHandle.current().pid())
                .toAbsolutePath();
        MoreFiles.deleteRecursively(workDir);
        int nameServerPort = Ports.freePort();
        List<String> args = List.of(
                "--work-dir",
                workDir.toString(),
                "--namesrv-port",
                Integer.toString(nameServerPort),
                "--broker-port",
                Integer.toString(Ports.freeBrokerPort()),
                "--settings",
                "fast",
                "--timer-max-delay",
                TimerLimits.brokerTimerMaxDelay(Duration.ofDays(7)).toString());

        Path log = workDir.resolve("main.log");
        try (ChildJvm main = ChildJvm.start(RocketMqServerMain.class, args, "ROCKETMQ READY", log)) {
            ready(main);
            DefaultMQProducer producer = new DefaultMQProducer("infra-kit-main-test-timer-limit");
            producer.setNamesrvAddr("127.0.0.1:" + nameServerPort);
            producer.setInstanceName("main-test-timer-limit-" + UUID.randomUUID());
            producer.start();
            try {
                Message inSevenDays = new Message(Topics.ORDER_TIMEOUT, "order-1".getBytes(StandardCharsets.UTF_8));
                inSevenDays.setDelayTimeMs(Duration.ofDays(7).toMillis());
                assertThat(producer.send(inSevenDays).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

                Message inEightDays = new Message(Topics.ORDER_TIMEOUT, "order-2".getBytes(StandardCharsets.UTF_8));
                inEightDays.setDelayTimeMs(Duration.ofDays(8).toMillis());
                assertThatThrownBy(() -> producer.send(inEightDays))
                        .isInstanceOfSatisfying(
                                MQBrokerException.class,
                                refused ->
                                        assertThat(refused.getResponseCode()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL));
            } finally {
                producer.shutdown();
            }
            main.kill();
        }
    }

    private static String ready(ChildJvm main) throws Exception {
        long started = System.nanoTime();
        String line = main.awaitReady(Duration.ofSeconds(90));
        System.out.printf("RocketMqServerMain ready %d ms after launch%n", (System.nanoTime() - started) / 1_000_000);
        return line;
    }
}
