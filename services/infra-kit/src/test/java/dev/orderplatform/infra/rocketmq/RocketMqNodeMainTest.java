package dev.orderplatform.infra.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.infra.support.MoreFiles;
import dev.orderplatform.infra.support.Ports;
import dev.orderplatform.infra.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;

class RocketMqNodeMainTest {

    private static final String BROKER_NAME = "node-main-broker";

    @Test
    void brokerRunsWithItsBrokerConfAndRegistersWithTheNameServer() throws Exception {
        Path workDir = Path.of("target/mains/rocketmq-node-" + ProcessHandle.current().pid()).toAbsolutePath();
        MoreFiles.deleteRecursively(workDir);
        int nameServerPort = Ports.freePort();
        int brokerPort = Ports.freeBrokerPort();
        Path store = workDir.resolve("broker/store");
        // Like the operator's broker.conf: cluster host names and pod paths, which --set maps to this machine.
        Path brokerConf = workDir.resolve("broker.conf");
        Files.createDirectories(workDir);
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
                mappedFileSizeCommitLog=67108864
                mappedFileSizeTimerLog=4194304
                """.formatted(BROKER_NAME, brokerPort));

        List<String> nameServerArgs = List.of("namesrv", "--listen-port", Integer.toString(nameServerPort),
                "--set", "rocketmqHome=" + workDir.resolve("namesrv-home"), "--set", "bindAddress=127.0.0.1");
        List<String> brokerArgs = List.of("broker", "--config", brokerConf.toString(),
                "--set", "namesrvAddr=127.0.0.1:" + nameServerPort,
                "--set", "storePathRootDir=" + store,
                "--set", "storePathCommitLog=" + store.resolve("commitlog"),
                "--set", "rocketmqHome=" + workDir.resolve("broker"),
                "--set", "bindAddress=127.0.0.1", "--set", "brokerIP1=127.0.0.1", "--set", "brokerIP2=127.0.0.1");

        try (ChildJvm nameServer = ChildJvm.start(RocketMqNodeMain.class, nameServerArgs, "ROCKETMQ NAMESRV READY",
                workDir.resolve("namesrv.log"));
                ChildJvm broker = ChildJvm.start(RocketMqNodeMain.class, brokerArgs, "ROCKETMQ BROKER READY",
                        workDir.resolve("broker.log"))) {
            assertThat(nameServer.awaitReady(Duration.ofSeconds(90))).isEqualTo("ROCKETMQ NAMESRV READY port=" + nameServerPort);
            assertThat(broker.awaitReady(Duration.ofSeconds(90))).isEqualTo("ROCKETMQ BROKER READY port=" + brokerPort);

            String brokerAddress = "127.0.0.1:" + brokerPort;
            DefaultMQAdminExt admin = new DefaultMQAdminExt(5_000);
            admin.setNamesrvAddr("127.0.0.1:" + nameServerPort);
            admin.setInstanceName("node-main-test-" + UUID.randomUUID());
            admin.setVipChannelEnabled(false);
            admin.start();
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    BrokerData registered = admin.examineBrokerClusterInfo().getBrokerAddrTable().get(BROKER_NAME);
                    assertThat(registered).as("broker registered at the name server").isNotNull();
                    assertThat(registered.getBrokerAddrs()).containsEntry(0L, brokerAddress);
                });
                Properties running = admin.getBrokerConfig(brokerAddress);
                assertThat(running)
                        .containsEntry("timerWheelEnable", "true")
                        .containsEntry("transactionCheckInterval", "4321")
                        .containsEntry("autoCreateTopicEnable", "false")
                        .containsEntry("storePathRootDir", store.toString());
            } finally {
                admin.shutdown();
            }
            assertThat(store.resolve("commitlog")).as("--set path used, not the file's").isDirectory();
            assertThat(workDir.resolve("broker/logs/rocketmq.log")).as("logs next to the store").exists();
            assertThat(workDir.resolve("namesrv-home/logs/rocketmq.log")).as("logs next to the name server state").exists();
            broker.kill();
            nameServer.kill();
        }
    }
}
