package dev.orderplatform.operator.rocketmq;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.OrderPlatformSpec.RocketmqDistribution;
import dev.orderplatform.operator.platform.PlatformContract;
import dev.orderplatform.operator.platform.PlatformDefaults;
import dev.orderplatform.operator.platform.PlatformSettings;
import dev.orderplatform.operator.platform.PodDefaults;
import dev.orderplatform.operator.platform.StatefulSets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Desired state of the managed RocketMQ: name servers and one broker with the timer wheel on. */
public final class RocketmqResources {

    public static final String NAME_SERVER = "nameserver";
    public static final String BROKER = "broker";
    /** The uid of the rocketmq user in the apache/rocketmq image. */
    private static final long APACHE_UID = 3000;
    /** The uid the project's Jib images run as. */
    private static final long ORDERPLATFORM_UID = 65532;
    /** ROCKETMQ_HOME of both distributions' images: name server state, logs and the broker's store live under it. */
    private static final String HOME = "/home/rocketmq";

    private static final String CONFIG_DIR = "/etc/rocketmq";
    private static final String BROKER_CONF = "broker.conf";

    private RocketmqResources() {}

    public static String nameServerName(PlatformSettings platform) {
        return platform.resourceName(NAME_SERVER);
    }

    public static String brokerName(PlatformSettings platform) {
        return platform.resourceName(BROKER);
    }

    public static String brokerConfigName(PlatformSettings platform) {
        return platform.resourceName("broker-config");
    }

    public static Service nameServerService(PlatformSettings platform) {
        return StatefulSets.headlessService(
                platform, NAME_SERVER, nameServerName(platform), Map.of("remoting", PlatformContract.NAME_SERVER_PORT));
    }

    public static StatefulSet nameServerStatefulSet(PlatformSettings platform) {
        var rocketmq = platform.managedRocketmq();
        var launch = Launch.nameServer(rocketmq.distribution());
        return new StatefulSetBuilder()
                .withMetadata(Labels.metadata(platform, NAME_SERVER, nameServerName(platform)))
                .withSpec(StatefulSets.spec(
                        platform, NAME_SERVER, nameServerName(platform), rocketmq.nameServerReplicas(), null, null))
                .editSpec()
                // Name servers hold no shared state: start them all at once.
                .withPodManagementPolicy("Parallel")
                .editTemplate()
                .editSpec()
                .withSecurityContext(PodDefaults.podSecurityContext(launch.uid()))
                .addNewContainer()
                .withName(NAME_SERVER)
                .withImage(rocketmq.image())
                .withCommand(launch.command())
                .withArgs(launch.args())
                .withEnv(PodDefaults.env(launch.javaOptionsVariable(), "-Xms256m -Xmx256m"))
                .addNewPort()
                .withName("remoting")
                .withContainerPort(PlatformContract.NAME_SERVER_PORT)
                .endPort()
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("512Mi"))
                .addToLimits("memory", new Quantity("512Mi"))
                .endResources()
                .withSecurityContext(PodDefaults.containerSecurityContext())
                .withReadinessProbe(tcp(PlatformContract.NAME_SERVER_PORT, 5))
                .withLivenessProbe(tcp(PlatformContract.NAME_SERVER_PORT, 30))
                .withVolumeMounts(
                        PodDefaults.mount("logs", HOME + "/logs"),
                        PodDefaults.mount("state", HOME + "/namesrv"),
                        PodDefaults.tmpMount())
                .endContainer()
                .withVolumes(PodDefaults.emptyDir("logs"), PodDefaults.emptyDir("state"), PodDefaults.tmpVolume())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * broker.conf: the timer wheel for the order_timeout DELAY topic with a longest delay that fits the
     * order timeout (written out as often as the tests' brokers do it), the transaction check-back settings for the order_reback TRANSACTION topic, no
     * auto-created topics (the operator creates both with their message types).
     */
    public static String brokerConf(PlatformSettings platform) {
        var rocketmq = platform.managedRocketmq();
        return """
        brokerClusterName=%s
        brokerName=%s
        brokerId=0
        brokerRole=ASYNC_MASTER
        flushDiskType=ASYNC_FLUSH
        namesrvAddr=%s
        listenPort=%d
        storePathRootDir=%s/store
        storePathCommitLog=%s/store/commitlog
        autoCreateTopicEnable=false
        autoCreateSubscriptionGroup=true
        timerWheelEnable=true
        timerMaxDelaySec=%d
        timerFlushIntervalMs=%d
        transactionCheckInterval=%d
        transactionTimeOut=%d
        transactionCheckMax=15
        deleteWhen=04
        fileReservedTime=72
        """.formatted(
                        platform.name(),
                        brokerName(platform),
                        platform.nameServerAddress(),
                        PlatformContract.BROKER_PORT,
                        HOME,
                        HOME,
                        platform.timerMaxDelay().toSeconds(),
                        PlatformContract.BROKER_TIMER_FLUSH_INTERVAL_MS,
                        rocketmq.transactionCheckIntervalMillis(),
                        rocketmq.transactionTimeoutMillis());
    }

    public static ConfigMap brokerConfig(PlatformSettings platform) {
        return new ConfigMapBuilder()
                .withMetadata(Labels.metadata(platform, BROKER, brokerConfigName(platform)))
                .withData(Map.of(BROKER_CONF, brokerConf(platform)))
                .build();
    }

    public static Service brokerService(PlatformSettings platform) {
        return StatefulSets.headlessService(
                platform, BROKER, brokerName(platform), Map.of("remoting", PlatformContract.BROKER_PORT));
    }

    public static StatefulSet brokerStatefulSet(PlatformSettings platform) {
        var rocketmq = platform.managedRocketmq();
        var launch = Launch.broker(rocketmq.distribution());
        return new StatefulSetBuilder()
                .withMetadata(Labels.metadata(platform, BROKER, brokerName(platform)))
                .withSpec(StatefulSets.spec(
                        platform,
                        BROKER,
                        brokerName(platform),
                        1,
                        rocketmq.brokerStorageSize(),
                        rocketmq.storageClassName()))
                .editSpec()
                .editTemplate()
                // broker.conf is read at start only: a changed configuration must restart the broker.
                .editMetadata()
                .addToAnnotations(
                        "orderplatform.dev/broker-conf-hash",
                        Integer.toHexString(brokerConf(platform).hashCode()))
                .endMetadata()
                .editSpec()
                .withSecurityContext(PodDefaults.podSecurityContext(launch.uid()))
                .addNewContainer()
                .withName(BROKER)
                .withImage(rocketmq.image())
                .withCommand(launch.command())
                .withArgs(launch.args())
                .withEnv(PodDefaults.env(launch.javaOptionsVariable(), brokerMemoryOptions(rocketmq.brokerResources())))
                .addNewPort()
                .withName("remoting")
                .withContainerPort(PlatformContract.BROKER_PORT)
                .endPort()
                .withResources(rocketmq.brokerResources())
                .withSecurityContext(PodDefaults.containerSecurityContext())
                .withReadinessProbe(tcp(PlatformContract.BROKER_PORT, 10))
                .withLivenessProbe(tcp(PlatformContract.BROKER_PORT, 60))
                .withVolumeMounts(
                        PodDefaults.mount(StatefulSets.DATA_VOLUME, HOME + "/store"),
                        PodDefaults.mount("config", CONFIG_DIR),
                        PodDefaults.mount("logs", HOME + "/logs"),
                        PodDefaults.tmpMount())
                .endContainer()
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName(brokerConfigName(platform))
                .endConfigMap()
                .endVolume()
                .addToVolumes(PodDefaults.emptyDir("logs"), PodDefaults.tmpVolume())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The broker's heap and direct memory, sized from its container's memory (the limit, else the request): 40 %
     * heap and 20 % direct memory, which runs out first (and then delays and retries stop silently). The other
     * 40 % is headroom for metaspace, threads, GC and the pages of the memory-mapped store, which all count against
     * the limit. The image's start script sets its own sizes before these, so these win.
     */
    static String brokerMemoryOptions(ResourceRequirements resources) {
        Quantity memory = Stream.of(resources.getLimits(), resources.getRequests())
                .filter(Objects::nonNull)
                .map(quantities -> quantities.get("memory"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseGet(() -> new Quantity(PlatformDefaults.BROKER_MEMORY));
        long mebibytes = memory.getNumericalAmount().longValue() / (1024 * 1024);
        long heap = mebibytes * 40 / 100;
        return "-Xms%dm -Xmx%dm -XX:MaxDirectMemorySize=%dm".formatted(heap, heap, mebibytes * 20 / 100);
    }

    /**
     * How a container of the chosen distribution starts. The project's image runs RocketMqNodeMain as its entrypoint
     * (the node in the arguments; Jib's java command takes JVM options from JAVA_TOOL_OPTIONS); the official image runs
     * its shell scripts, which append JAVA_OPT_EXT to their own options.
     */
    private record Launch(long uid, List<String> command, List<String> args, String javaOptionsVariable) {

        static Launch nameServer(RocketmqDistribution distribution) {
            return switch (distribution) {
                case OrderPlatform -> orderPlatform("namesrv");
                case Apache -> apache("sh", "mqnamesrv");
            };
        }

        static Launch broker(RocketmqDistribution distribution) {
            String conf = CONFIG_DIR + "/" + BROKER_CONF;
            return switch (distribution) {
                case OrderPlatform -> orderPlatform("broker", "--config", conf);
                case Apache -> apache("sh", "mqbroker", "-c", conf);
            };
        }

        private static Launch orderPlatform(String... args) {
            return new Launch(ORDERPLATFORM_UID, List.of(), List.of(args), "JAVA_TOOL_OPTIONS");
        }

        private static Launch apache(String... command) {
            return new Launch(APACHE_UID, List.of(command), List.of(), "JAVA_OPT_EXT");
        }
    }

    private static Probe tcp(int port, int initialDelaySeconds) {
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withNewPort(port)
                .endTcpSocket()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withPeriodSeconds(10)
                .build();
    }
}
