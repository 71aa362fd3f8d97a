package dev.orderplatform.infra.rocketmq;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.infra.support.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.broker.BrokerPathConfigHelper;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.store.config.FlushDiskType;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real RocketMQ 5 name server and broker ({@link NamesrvController} + {@link BrokerController} from the
 * Maven artifacts) running inside this JVM, on 127.0.0.1 only.
 *
 * <p>Everything lives under the work directory: {@code namesrv/} (KV config), {@code store/} (commit log,
 * consume queues, timer log, {@code config/topics.json}, consumer offsets). A broker started again on the same
 * work directory finds its topics and messages. RocketMQ's own logs go to
 * {@code ${rocketmq.log.root:-${user.home}/logs/rocketmqlogs}/rocketmq.log} (this kit's {@code rmq.logback.xml}).
 *
 * <p>Topics should be created up front with {@link #createTopic(String, TopicMessageType)}: the broker does not
 * auto-create topics (see {@link RocketMqSettings#autoCreateTopics()}).
 *
 * <p>Only one broker per JVM: RocketMQ keeps a few settings in static state (the broker config path, the
 * remoting version). {@link #start} sets the JVM-wide system properties {@code rocketmq.remoting.version}
 * (without it the name server returns no routes) and {@code tls.server.mode=disabled} (saves ~2 s per server).
 *
 * <p>Thread-safe.
 */
public final class EmbeddedRocketMq implements AutoCloseable {

    /** Cluster name of the embedded broker. */
    public static final String CLUSTER_NAME = "OrderPlatformCluster";
    /** Broker name of the embedded broker. */
    public static final String BROKER_NAME = "broker-a";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRocketMq.class);
    private static final Pattern TOPIC_NAME = Pattern.compile("[%|a-zA-Z0-9_-]{1,127}");
    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(20);
    private static final int ADMIN_TIMEOUT_MS = 5_000;

    /**
     * The lines of this JVM's RocketMQ log (broker, name server and clients; the file this kit's {@code
     * rmq.logback.xml} writes) that {@code filter} accepts; none before the first line is written. The log is written
     * asynchronously: a line may show up a little after what logged it.
     */
    public static List<String> logLines(Predicate<String> filter) throws IOException {
        Path file = Path.of(
                System.getProperty(
                        "rocketmq.log.root",
                        Path.of(System.getProperty("user.home"), "logs", "rocketmqlogs")
                                .toString()),
                "rocketmq.log");
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(filter).toList();
        }
    }

    private final RocketMqSettings settings;
    private final Path workDir;
    private final NamesrvController nameServer;
    private final BrokerController broker;
    private final int nameServerPort;
    private final int brokerPort;
    private final AtomicBoolean closed = new AtomicBoolean();
    private DefaultMQAdminExt admin;

    private EmbeddedRocketMq(
            RocketMqSettings settings,
            Path workDir,
            NamesrvController nameServer,
            int nameServerPort,
            BrokerController broker,
            int brokerPort) {
        this.settings = settings;
        this.workDir = workDir;
        this.nameServer = nameServer;
        this.nameServerPort = nameServerPort;
        this.broker = broker;
        this.brokerPort = brokerPort;
    }

    /**
     * Starts a name server and a broker on free ports and waits until the broker is registered.
     *
     * @param settings broker settings, e.g. {@link RocketMqSettings#fastForTests()}
     * @param workDir  directory of the store and name server files; created if missing, reused if it holds a store
     */
    public static EmbeddedRocketMq start(RocketMqSettings settings, Path workDir) {
        return start(settings, workDir, 0, 0);
    }

    /**
     * Starts a name server and a broker and waits until the broker is registered.
     *
     * @param nameServerPort name server port, or 0 for a free one
     * @param brokerPort     broker port, or 0 for a free one; the broker also listens on {@code brokerPort - 2}
     *                       (its "fast" server), and not for slaves ({@link NoReplicaHaService})
     */
    public static EmbeddedRocketMq start(RocketMqSettings settings, Path workDir, int nameServerPort, int brokerPort) {
        prepareJvm();
        long started = System.nanoTime();
        Path dir = workDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir.resolve("namesrv"));
            Files.createDirectories(dir.resolve("store/config"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        int nsPort = nameServerPort;
        NamesrvController nameServer = null;
        for (int attempt = 1; nameServer == null; attempt++) {
            int port = nameServerPort == 0 ? Ports.freePort() : nameServerPort;
            try {
                nameServer = startNameServer(dir, port);
                nsPort = port;
            } catch (RuntimeException e) {
                if (nameServerPort != 0 || attempt >= 5) {
                    throw e;
                }
                log.warn("name server could not bind port {}, trying another: {}", port, e.toString());
            }
        }
        BrokerController broker = null;
        int bPort = brokerPort;
        for (int attempt = 1; broker == null; attempt++) {
            int port = brokerPort == 0 ? Ports.freeBrokerPort() : brokerPort;
            try {
                broker = startBroker(settings, dir, "127.0.0.1:" + nsPort, port);
                bPort = port;
            } catch (RuntimeException e) {
                if (brokerPort != 0 || attempt >= 5) {
                    nameServer.shutdown();
                    throw e;
                }
                log.warn("broker could not bind port {}, trying another: {}", port, e.toString());
            }
        }
        warnIfNettyCannotUnmap();
        EmbeddedRocketMq mq = new EmbeddedRocketMq(settings, dir, nameServer, nsPort, broker, bPort);
        try {
            mq.awaitBrokerRegistered();
        } catch (RuntimeException e) {
            mq.close();
            throw e;
        }
        log.info(
                "RocketMQ ready in {} ms: name server 127.0.0.1:{}, broker 127.0.0.1:{}, store {}",
                (System.nanoTime() - started) / 1_000_000,
                nsPort,
                bPort,
                dir.resolve("store"));
        return mq;
    }

    /** The broker itself, for tests of how it is set up. */
    BrokerController broker() {
        return broker;
    }

    /** {@code 127.0.0.1:<port>} of the name server: what clients use as {@code namesrvAddr}. */
    public String nameServerAddress() {
        return "127.0.0.1:" + nameServerPort;
    }

    /** {@code 127.0.0.1:<port>} of the broker. */
    public String brokerAddress() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The settings the broker runs with. */
    public RocketMqSettings settings() {
        return settings;
    }

    /** The work directory (store and name server files). */
    public Path workDir() {
        return workDir;
    }

    /**
     * Creates the topic with its message type through the admin API ({@link DefaultMQAdminExt}) unless it
     * already exists with that type, and waits until the name server returns its route. Idempotent.
     */
    public void createTopic(String topic, TopicMessageType type) {
        if (topic == null || !TOPIC_NAME.matcher(topic).matches()) {
            throw new IllegalArgumentException("invalid topic name: " + topic);
        }
        checkOpen();
        try {
            DefaultMQAdminExt admin = admin();
            TopicConfig existing = existingTopic(admin, topic);
            if (existing == null || existing.getTopicMessageType() != type.toRocketMq()) {
                TopicConfig config = new TopicConfig(
                        topic,
                        settings.queuesPerTopic(),
                        settings.queuesPerTopic(),
                        PermName.PERM_READ | PermName.PERM_WRITE);
                config.setAttributes(Map.of("+message.type", type.toRocketMq().getValue()));
                admin.createAndUpdateTopicConfig(brokerAddress(), config);
                log.info("topic {} ({}) created with {} queues", topic, type, settings.queuesPerTopic());
            }
            awaitRoute(admin, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + " (" + type + "): " + e.getMessage(), e);
        }
    }

    /** The message type of an existing topic as the broker stores it, or null when the topic does not exist. */
    public TopicMessageType topicMessageType(String topic) {
        checkOpen();
        try {
            TopicConfig config = existingTopic(admin(), topic);
            if (config == null) {
                return null;
            }
            var type = config.getTopicMessageType();
            return switch (type) {
                case NORMAL, UNSPECIFIED -> TopicMessageType.NORMAL;
                case TRANSACTION -> TopicMessageType.TRANSACTION;
                case DELAY -> TopicMessageType.DELAY;
                case FIFO -> TopicMessageType.FIFO;
                default -> throw new IllegalStateException("topic " + topic + " has message type " + type);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates the platform's topics (docs/protocol.md): {@link Topics#ORDER_REBACK} as
     * {@link TopicMessageType#TRANSACTION} and {@link Topics#ORDER_TIMEOUT} as {@link TopicMessageType#DELAY}.
     */
    public void createPlatformTopics() {
        createTopic(Topics.ORDER_REBACK, TopicMessageType.TRANSACTION);
        createTopic(Topics.ORDER_TIMEOUT, TopicMessageType.DELAY);
    }

    /**
     * Stops broker and name server, waiting at most {@link RocketMqSettings#shutdownWait()} for RocketMQ's slow
     * shutdown (10-20 s) before letting it finish on a daemon thread. Idempotent.
     */
    @Override
    public void close() {
        close(settings.shutdownWait());
    }

    /** {@link #close()} waiting at most {@code wait} for the shutdown to finish. */
    public void close(Duration wait) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (admin != null) {
                admin.shutdown();
                admin = null;
            }
        }
        long started = System.nanoTime();
        Thread shutdown = new Thread(
                () -> {
                    try {
                        broker.shutdown();
                    } catch (RuntimeException e) {
                        log.warn("broker shutdown failed", e);
                    }
                    try {
                        nameServer.shutdown();
                    } catch (RuntimeException e) {
                        log.warn("name server shutdown failed", e);
                    }
                    log.info(
                            "RocketMQ on {} stopped in {} ms",
                            nameServerAddress(),
                            (System.nanoTime() - started) / 1_000_000);
                },
                "embedded-rocketmq-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
        if (!wait.isZero() && !wait.isNegative()) {
            try {
                shutdown.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return "EmbeddedRocketMq[namesrv=" + nameServerAddress() + ", broker=" + brokerAddress() + ", " + workDir + "]";
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * JVM-wide settings RocketMQ and Netty read from system properties once; effective only before the first
     * RocketMQ or Netty class initializes, which is why the server mains call this first.
     */
    public static void prepareJvm() {
        System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
        if (System.getProperty("tls.server.mode") == null) {
            System.setProperty("tls.server.mode", "disabled");
        }
        // Netty 4.2 on JDK 25+ disables Unsafe by default, and without it cannot unmap RocketMQ's store files.
        if (System.getProperty("io.netty.noUnsafe") == null) {
            System.setProperty("io.netty.noUnsafe", "false");
        }
    }

    private static void warnIfNettyCannotUnmap() {
        try {
            if (Runtime.version().feature() >= 25 && !io.netty.util.internal.PlatformDependent.hasUnsafe()) {
                log.warn("Netty runs without sun.misc.Unsafe in this JVM (it was initialized before the broker): "
                        + "RocketMQ cannot unmap its store files, so a restart of this store and the deletion of old "
                        + "commit logs fail with 'Cannot clean arbitrary ByteBuffer instances'. Start the JVM with "
                        + "-Dio.netty.noUnsafe=false.");
            }
        } catch (LinkageError e) {
            // another Netty layout: nothing to check
        }
    }

    private static NamesrvController startNameServer(Path dir, int port) {
        NamesrvConfig config = new NamesrvConfig();
        config.setRocketmqHome(dir.toString());
        config.setKvConfigPath(dir.resolve("namesrv/kvConfig.json").toString());
        config.setConfigStorePath(dir.resolve("namesrv/namesrv.properties").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress("127.0.0.1");
        server.setListenPort(port);
        server.setServerWorkerThreads(4);
        // No client config: with one, the name server also dials itself on the host's external address,
        // which fails (and is logged) because it only listens on 127.0.0.1.
        return RocketMqNodes.startNameServer(config, server);
    }

    private static BrokerController startBroker(RocketMqSettings settings, Path dir, String nameServer, int port) {
        Path store = dir.resolve("store");
        BrokerPathConfigHelper.setBrokerConfigPath(
                store.resolve("config/broker.properties").toString());

        BrokerConfig config = new BrokerConfig();
        config.setRocketmqHome(dir.toString());
        config.setBrokerClusterName(CLUSTER_NAME);
        config.setBrokerName(BROKER_NAME);
        config.setBrokerId(0);
        config.setNamesrvAddr(nameServer);
        config.setBrokerIP1("127.0.0.1");
        config.setBrokerIP2("127.0.0.1");
        config.setListenPort(port);
        config.setAutoCreateTopicEnable(settings.autoCreateTopics());
        config.setAutoCreateSubscriptionGroup(true);
        config.setTransactionCheckInterval(settings.transactionCheckIntervalMs());
        config.setTransactionTimeOut(settings.transactionTimeoutMs());
        config.setTransactionOpBatchInterval(settings.transactionOpBatchIntervalMs());
        config.setTransactionCheckMax(settings.transactionCheckMax());

        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress("127.0.0.1");
        server.setListenPort(port);

        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.setStorePathRootDir(store.toString());
        storeConfig.setStorePathCommitLog(store.resolve("commitlog").toString());
        storeConfig.setStorePathEpochFile(store.resolve("epochFileCheckpoint").toString());
        storeConfig.setStorePathBrokerIdentity(store.resolve("brokerIdentity").toString());
        storeConfig.setFlushDiskType(FlushDiskType.ASYNC_FLUSH);
        storeConfig.setMappedFileSizeCommitLog(settings.mappedFileSizeCommitLog());
        storeConfig.setMappedFileSizeTimerLog(settings.mappedFileSizeTimerLog());
        storeConfig.setMaxMessageSize(settings.maxMessageSize());
        storeConfig.setTimerWheelEnable(settings.timerWheelEnabled());
        storeConfig.setTimerPrecisionMs(settings.timerPrecisionMs());
        storeConfig.setTimerFlushIntervalMs(settings.timerFlushIntervalMs());
        storeConfig.setTimerMaxDelaySec(Math.toIntExact(settings.timerMaxDelay().toSeconds()));

        return NoReplicaHaService.forStoresCreatedBy(() ->
                RocketMqNodes.startBroker(new BrokerController(config, server, new NettyClientConfig(), storeConfig)));
    }

    private synchronized DefaultMQAdminExt admin() {
        checkOpen();
        if (admin == null) {
            DefaultMQAdminExt created = new DefaultMQAdminExt(ADMIN_TIMEOUT_MS);
            created.setNamesrvAddr(nameServerAddress());
            created.setInstanceName("orderplatform-embedded-admin-" + nameServerPort + "-" + System.nanoTime());
            created.setVipChannelEnabled(false);
            try {
                created.start();
            } catch (Exception e) {
                throw new IllegalStateException("admin client did not start: " + e.getMessage(), e);
            }
            admin = created;
        }
        return admin;
    }

    /**
     * The broker's configuration of the topic, null when it has none. Read from all of its topics: asked about one
     * it does not have ({@code examineTopicConfig}), the broker logs an ERROR.
     */
    private TopicConfig existingTopic(DefaultMQAdminExt admin, String topic) throws InterruptedException {
        try {
            return admin.getAllTopicConfig(brokerAddress(), ADMIN_TIMEOUT_MS)
                    .getTopicConfigTable()
                    .get(topic);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the topics of broker " + brokerAddress(), e);
        }
    }

    private void awaitBrokerRegistered() {
        long deadline = System.nanoTime() + ROUTE_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                ClusterInfo info = admin().examineBrokerClusterInfo();
                BrokerData data = info.getBrokerAddrTable().get(BROKER_NAME);
                if (data != null && brokerAddress().equals(data.getBrokerAddrs().get(0L))) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker", e);
            } catch (Exception e) {
                last = e;
            }
            sleep(50);
        }
        throw new IllegalStateException(
                "broker " + brokerAddress() + " not registered at the name server after " + ROUTE_TIMEOUT, last);
    }

    private void awaitRoute(DefaultMQAdminExt admin, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + ROUTE_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                TopicRouteData route = admin.examineTopicRouteInfo(topic);
                if (route != null
                        && !route.getQueueDatas().isEmpty()
                        && route.getBrokerDatas().stream()
                                .anyMatch(b -> brokerAddress()
                                        .equals(b.getBrokerAddrs().get(0L)))) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("no route for topic " + topic + " after " + ROUTE_TIMEOUT, last);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("RocketMQ on " + nameServerAddress() + " is closed");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
