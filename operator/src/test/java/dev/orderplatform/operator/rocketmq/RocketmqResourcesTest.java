package dev.orderplatform.operator.rocketmq;

import static dev.orderplatform.operator.platform.TestPlatforms.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RocketmqResourcesTest {

    @Test
    void brokerConfHasTheTimerWheelAndTheTransactionSettingsOfTheSpec() {
        var platform = settings("""
        rocketmq: {managed: {nameServerReplicas: 2, transactionCheckIntervalMillis: 5000, transactionTimeoutMillis: 3000}}
        """);

        assertThat(RocketmqResources.brokerConf(platform).lines())
                .contains(
                        "brokerClusterName=shop",
                        "brokerName=shop-broker",
                        "namesrvAddr=shop-nameserver-0.shop-nameserver.test.svc:9876;shop-nameserver-1.shop-nameserver.test.svc:9876",
                        "timerWheelEnable=true",
                        "timerFlushIntervalMs=10000",
                        "transactionCheckInterval=5000",
                        "transactionTimeOut=3000",
                        "autoCreateTopicEnable=false");
    }

    @Test
    void brokerAcceptsTimerMessagesAsLongAsTheOrderTimeout() {
        assertThat(RocketmqResources.brokerConf(settings("")).lines()).contains("timerMaxDelaySec=259200");
        assertThat(RocketmqResources.brokerConf(settings("orderTimeout: 7d")).lines())
                .contains("timerMaxDelaySec=" + (7 * 24 + 1) * 3600);
    }

    @Test
    void brokerRestartsWhenItsConfigurationChanges() {
        var before = RocketmqResources.brokerStatefulSet(settings(""));
        var after =
                RocketmqResources.brokerStatefulSet(settings("rocketmq: {managed: {transactionTimeoutMillis: 3000}}"));

        assertThat(after.getSpec().getTemplate().getMetadata().getAnnotations())
                .isNotEqualTo(before.getSpec().getTemplate().getMetadata().getAnnotations());
    }

    @Test
    void brokerReadsTheMountedConfigurationAndStoresOnItsVolume() {
        var broker = RocketmqResources.brokerStatefulSet(settings(""));

        var container = broker.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getVolumeMounts())
                .extracting("mountPath")
                .contains("/home/rocketmq/store", "/etc/rocketmq", "/tmp");
        assertThat(broker.getSpec()
                        .getVolumeClaimTemplates()
                        .getFirst()
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage")
                        .toString())
                .isEqualTo("20Gi");
    }

    @Test
    void theProjectsBrokerImageRunsByDefaultThroughItsEntrypoint() {
        var platform = settings("");
        var broker = RocketmqResources.brokerStatefulSet(platform)
                .getSpec()
                .getTemplate()
                .getSpec();
        var nameServer = RocketmqResources.nameServerStatefulSet(platform)
                .getSpec()
                .getTemplate()
                .getSpec();

        var brokerContainer = broker.getContainers().getFirst();
        assertThat(brokerContainer.getImage()).isEqualTo("registry.test/op/rocketmq:1.2.3");
        assertThat(brokerContainer.getCommand()).isEmpty();
        assertThat(brokerContainer.getArgs()).containsExactly("broker", "--config", "/etc/rocketmq/broker.conf");
        assertThat(brokerContainer.getEnv()).extracting("name").containsExactly("JAVA_TOOL_OPTIONS");
        var nameServerContainer = nameServer.getContainers().getFirst();
        assertThat(nameServerContainer.getImage()).isEqualTo("registry.test/op/rocketmq:1.2.3");
        assertThat(nameServerContainer.getCommand()).isEmpty();
        assertThat(nameServerContainer.getArgs()).containsExactly("namesrv");
        assertThat(nameServerContainer.getEnv()).extracting("name").containsExactly("JAVA_TOOL_OPTIONS");
        assertThat(List.of(broker, nameServer))
                .extracting(pod -> pod.getSecurityContext().getRunAsUser())
                .containsOnly(65532L);
    }

    @Test
    void theApacheDistributionRunsTheOfficialImagesScripts() {
        var platform = settings("rocketmq: {managed: {distribution: Apache}}");
        var broker = RocketmqResources.brokerStatefulSet(platform)
                .getSpec()
                .getTemplate()
                .getSpec();
        var nameServer = RocketmqResources.nameServerStatefulSet(platform)
                .getSpec()
                .getTemplate()
                .getSpec();

        var brokerContainer = broker.getContainers().getFirst();
        assertThat(brokerContainer.getImage()).isEqualTo("apache/rocketmq:5.5.0");
        assertThat(brokerContainer.getCommand()).containsExactly("sh", "mqbroker", "-c", "/etc/rocketmq/broker.conf");
        assertThat(brokerContainer.getArgs()).isEmpty();
        assertThat(brokerContainer.getEnv()).extracting("name").containsExactly("JAVA_OPT_EXT");
        var nameServerContainer = nameServer.getContainers().getFirst();
        assertThat(nameServerContainer.getImage()).isEqualTo("apache/rocketmq:5.5.0");
        assertThat(nameServerContainer.getCommand()).containsExactly("sh", "mqnamesrv");
        assertThat(nameServerContainer.getArgs()).isEmpty();
        assertThat(nameServerContainer.getEnv()).extracting("name").containsExactly("JAVA_OPT_EXT");
        assertThat(List.of(broker, nameServer))
                .extracting(pod -> pod.getSecurityContext().getRunAsUser())
                .containsOnly(3000L);
    }

    @Test
    void theDistributionFieldNotTheImageNameDecidesTheCommandLine() {
        var mirroredOfficial =
                settings("rocketmq: {managed: {image: mirror.example/rocketmq:5.5.0, distribution: Apache}}");
        var officialNamedAsProject = settings("rocketmq: {managed: {image: apache/rocketmq:5.5.0}}");

        var apache = RocketmqResources.brokerStatefulSet(mirroredOfficial)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
        assertThat(apache.getImage()).isEqualTo("mirror.example/rocketmq:5.5.0");
        assertThat(apache.getCommand()).startsWith("sh", "mqbroker");
        var project = RocketmqResources.brokerStatefulSet(officialNamedAsProject)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
        assertThat(project.getImage()).isEqualTo("apache/rocketmq:5.5.0");
        assertThat(project.getArgs()).startsWith("broker");
    }

    @Test
    void brokerHeapAndDirectMemoryLeaveHeadroomInItsMemoryLimit() {
        for (String limit : new String[] {"1Gi", "2Gi", "1536Mi", "8Gi"}) {
            var broker = RocketmqResources.brokerStatefulSet(
                    settings("rocketmq: {managed: {brokerResources: {limits: {memory: " + limit + "}}}}"));

            var container =
                    broker.getSpec().getTemplate().getSpec().getContainers().getFirst();
            // The project's broker image takes JVM options from JAVA_TOOL_OPTIONS.
            String options = container.getEnv().stream()
                    .filter(env -> env.getName().equals("JAVA_TOOL_OPTIONS"))
                    .findFirst()
                    .orElseThrow()
                    .getValue();
            long limitMebibytes = new Quantity(limit).getNumericalAmount().longValue() >> 20;
            long heap = mebibytes(options, "-Xmx");
            assertThat(mebibytes(options, "-Xms")).isEqualTo(heap);
            assertThat(heap + mebibytes(options, "-XX:MaxDirectMemorySize="))
                    .as(limit)
                    .isPositive()
                    .isLessThanOrEqualTo(limitMebibytes * 60 / 100);
        }
    }

    @Test
    void brokerWithoutALimitIsSizedByItsRequest() {
        var broker = RocketmqResources.brokerStatefulSet(
                settings("rocketmq: {managed: {brokerResources: {requests: {memory: 4Gi}}}}"));

        String options = broker.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getEnv()
                .getFirst()
                .getValue();
        assertThat(mebibytes(options, "-Xmx")).isEqualTo(4096 * 40 / 100);
    }

    private static long mebibytes(String javaOptions, String option) {
        var value = Pattern.compile(Pattern.quote(option) + "([0-9]+)m").matcher(javaOptions);
        assertThat(value.find()).as(option + " in " + javaOptions).isTrue();
        return Long.parseLong(value.group(1));
    }

    @Test
    void nameServersStartTogetherWithoutVolumes() {
        var nameServers =
                RocketmqResources.nameServerStatefulSet(settings("rocketmq: {managed: {nameServerReplicas: 3}}"));

        assertThat(nameServers.getSpec().getReplicas()).isEqualTo(3);
        assertThat(nameServers.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(nameServers.getSpec().getVolumeClaimTemplates()).isEmpty();
        assertThat(RocketmqResources.nameServerService(settings("")).getSpec().getClusterIP())
                .isEqualTo("None");
    }
}
