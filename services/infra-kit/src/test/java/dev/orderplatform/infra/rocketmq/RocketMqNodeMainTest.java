package dev.orderplatform.infra.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderplatform.infra.support.MoreFiles;
import dev.orderplatform.infra.support.Ports;
import dev.orderplatform.infra.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.attribute.TopicMessageType;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A name server and a broker as the broker image runs them: one RocketMqNodeMain process each. */
class RocketMqNodeMainTest {

    private static final String BROKER_NAME = "node-main-broker";
    private static final Path WORK_DIR = Path.of(
                    "target/mains/rocketmq-node-" + ProcessHandle.current().pid())
            .toAbsolutePath();
    private static final Path STORE = WORK_DIR.resolve("broker/store");

    private static ChildJvm nameServer;
    private static ChildJvm broker;
    private static String brokerAddress;
    private static DefaultMQAdminExt admin;

    @BeforeAll
    static void startNodes() throws Exception {
        MoreFiles.deleteRecursively(WORK_DIR);
        Files.createDirectories(WORK_DIR);
        int nameServerPort = Ports.freePort();
        int brokerPort = Ports.freeBrokerPort();
        brokerAddress = "127.0.0.1:" + brokerPort;
        // Like the operator's broker.conf: cluster host names and pod paths, which --set maps to this machine.
        Path brokerConf = WORK_DIR.resolve("broker.conf");
        Files.writeString(brokerConf, """
                brokerClusterName=node-main-test
                brokerName=%s
                brokerId=0
                brokerRole=ASYNC_MASTER
                flushDiskType=ASYNC_FLUSH
                namesrvAddr=orderplatform-nameserver-0.orderplatform-nameserver:9876
                listenPort=%d
                storePathRootDir=/home/rocketmq/store
                storePathCommitLog=/home/rocketmq/store/commitlog
                autoCreateTopicEnable=false
                timerWheelEnable=true
                transactionCheckInterval=4321
                transactionOpBatchInterval=200
                mappedFileSizeCommitLog=67108864
                mappedFileSizeTimerLog=4194304
                """.formatted(BROKER_NAME, brokerPort));

        nameServer = ChildJvm.start(
                RocketMqNodeMain.class,
                List.of(
                        "namesrv",
                        "--listen-port",
                        Integer.toString(nameServerPort),
                        "--set",
                        "rocketmqHome=" + WORK_DIR.resolve("namesrv-home"),
                        "--set",
                        "bindAddress=127.0.0.1"),
                "ROCKETMQ NAMESRV READY",
                WORK_DIR.resolve("namesrv.log"));
        broker = ChildJvm.start(
                RocketMqNodeMain.class,
                List.of(
                        "broker",
                        "--config",
                        brokerConf.toString(),
                        "--set",
                        "namesrvAddr=127.0.0.1:" + nameServerPort,
                        "--set",
                        "storePathRootDir=" + STORE,
                        "--set",
                        "storePathCommitLog=" + STORE.resolve("commitlog"),
                        "--set",
                        "rocketmqHome=" + WORK_DIR.resolve("broker"),
                        "--set",
                        "bindAddress=127.0.0.1",
                        "--set",
                        "brokerIP1=127.0.0.1",
                        "--set",
                        "brokerIP2=127.0.0.1"),
                "ROCKETMQ BROKER READY",
                WORK_DIR.resolve("broker.log"));
        assertThat(nameServer.awaitReady(Duration.ofSeconds(90)))
                .isEqualTo("ROCKETMQ NAMESRV READY port=" + nameServerPort);
        assertThat(broker.awaitReady(Duration.ofSeconds(90))).isEqualTo("ROCKETMQ BROKER READY port=" + brokerPort);

        admin = new DefaultMQAdminExt(5_000);
        admin.setNamesrvAddr("127.0.0.1:" + nameServerPort);
        admin.setInstanceName("node-main-test-" + UUID.randomUUID());
        admin.setVipChannelEnabled(false);
        admin.start();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (admin != null) {
            admin.shutdown();
        }
        // Nothing to keep: no need to wait for RocketMQ's slow clean shutdown.
        for (ChildJvm node : new ChildJvm[] {broker, nameServer}) {
            if (node != null) {
                node.kill();
            }
        }
    }

    @Test
    void brokerRunsWithItsBrokerConfAndRegistersWithTheNameServer() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            BrokerData registered =
                    admin.examineBrokerClusterInfo().getBrokerAddrTable().get(BROKER_NAME);
            assertThat(registered).as("broker registered at the name server").isNotNull();
            assertThat(registered.getBrokerAddrs()).containsEntry(0L, brokerAddress);
        });
        Properties running = admin.getBrokerConfig(brokerAddress);
        assertThat(running)
                .containsEntry("timerWheelEnable", "true")
                .containsEntry("transactionCheckInterval", "4321")
                .containsEntry("autoCreateTopicEnable", "false")
                .containsEntry("storePathRootDir", STORE.toString());
        assertThat(STORE.resolve("commitlog"))
                .as("--set path used, not the file's")
                .isDirectory();
        assertThat(WORK_DIR.resolve("broker/logs/rocketmq.log"))
                .as("logs next to the store")
                .exists();
        assertThat(WORK_DIR.resolve("namesrv-home/logs/rocketmq.log"))
                .as("logs next to the name server state")
                .exists();
    }

    @Test
    void idleBrokerDoesNotKeepACoreBusy() throws Exception {
        String topic = "node-main-tx-" + UUID.randomUUID().toString().substring(0, 8);
        TopicConfig config = new TopicConfig(topic, 1, 1, PermName.PERM_READ | PermName.PERM_WRITE);
        config.setAttributes(Map.of("+message.type", TopicMessageType.TRANSACTION.getValue()));
        admin.createAndUpdateTopicConfig(brokerAddress, config);
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> !admin.examineTopicRouteInfo(topic).getQueueDatas().isEmpty());
        TransactionMQProducer producer = new TransactionMQProducer("node-main-idle-" + UUID.randomUUID());
        producer.setNamesrvAddr(admin.getNamesrvAddr());
        producer.setInstanceName("node-main-idle-" + UUID.randomUUID());
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return LocalTransactionState.ROLLBACK_MESSAGE;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                return LocalTransactionState.ROLLBACK_MESSAGE;
            }
        });
        producer.start();
        try {
            // A resolved transaction leaves its queue's op context behind; stock RocketMQ 5.5.0's op-batch thread
            // then loops without sleeping once that queue is idle for one transactionOpBatchInterval.
            producer.sendMessageInTransaction(new Message(topic, "idle".getBytes(StandardCharsets.UTF_8)), null);
        } finally {
            producer.shutdown();
        }
        Thread.sleep(2_000);

        Duration window = Duration.ofSeconds(3);
        Duration before = transactionalOpThreadCpu();
        Thread.sleep(window.toMillis());
        Duration used = transactionalOpThreadCpu().minus(before);
        System.out.printf(
                "idle transactional-op thread used %d ms of CPU in %d ms%n", used.toMillis(), window.toMillis());
        // Spinning, it takes a whole core when it can (on this shared machine, still far more than a tenth of one).
        assertThat(used).isLessThan(window.dividedBy(10));
    }

    /**
     * CPU time of the broker's op-batch thread ({@code TransactionalOpBatchService}), from Linux's per-thread
     * {@code /proc} accounting: the broker's total CPU would also count its other busy threads (the timer wheel's
     * flush, for one), which have nothing to do with this fix.
     */
    private static Duration transactionalOpThreadCpu() throws Exception {
        Path tasks = Path.of("/proc", Long.toString(broker.process().pid()), "task");
        // Only off Linux is there no per-thread accounting to read; on the project's machines and CI it always runs.
        assumeTrue(Files.isDirectory(tasks), "per-thread CPU accounting of Linux's /proc");
        try (var threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                String stat = Files.readString(thread.resolve("stat"));
                // "tid (comm) state ..."; comm is the thread name cut to 15 characters.
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if ("TransactionalOpBatchService".startsWith(name) && name.length() >= 15) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                    return Duration.ofMillis(ticks * 10); // USER_HZ: 100 ticks a second on Linux
                }
            }
        }
        throw new AssertionError("no TransactionalOpBatchService thread in the broker");
    }
}
