package dev.orderplatform.infra.rocketmq;

import dev.orderplatform.infra.support.Args;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.broker.BrokerStartup;
import org.apache.rocketmq.broker.ConfigContext;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;

/**
 * One RocketMQ node (name server or broker) per process: the main of the project's broker image, with the
 * {@link IdleSafeTransactionalMessageService} fix the tests run with.
 *
 * <pre>
 * RocketMqNodeMain namesrv [--listen-port 9876] [--set key=value]...
 * RocketMqNodeMain broker --config /etc/rocketmq/broker.conf [--set key=value]...
 * </pre>
 *
 * <p>{@code broker} reads broker.conf as RocketMQ's {@code mqbroker -c} does
 * ({@link BrokerStartup#configFileToConfigContext}, {@link BrokerStartup#buildBrokerController}); each
 * {@code --set} then overrides one property of the file (tests map host names and paths to their machine with it).
 * {@code namesrv} keeps its state in {@code <rocketmqHome>/namesrv}; {@code --set} sets {@code NamesrvConfig} and
 * {@code NettyServerConfig} properties. {@code rocketmqHome} comes from {@code ROCKETMQ_HOME} (the image sets it),
 * the system property {@code rocketmq.home.dir}, broker.conf or {@code --set rocketmqHome=DIR}.
 *
 * <p>RocketMQ's logs go to the system property {@code rocketmq.log.root}, by default a {@code logs} directory next to
 * the broker's store ({@code storePathRootDir}) or the name server's state: never under {@code user.home}, which is
 * on the read-only root file system of a pod.
 *
 * <p>When serving it prints one line, {@code ROCKETMQ NAMESRV READY port=<p>} or {@code ROCKETMQ BROKER READY port=<p>},
 * and runs until SIGTERM. On failure it prints {@code ROCKETMQ FAILED <reason>} to standard error and exits with 1.
 */
public final class RocketMqNodeMain {

    private static final String LOG_ROOT = "rocketmq.log.root";

    private RocketMqNodeMain() {}

    public static void main(String[] args) {
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException(
                        "usage: namesrv [--listen-port P] [--set k=v]... | broker --config FILE [--set k=v]...");
            }
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "namesrv" -> runNameServer(rest);
                case "broker" -> runBroker(rest);
                default -> throw new IllegalArgumentException("unknown mode '" + args[0] + "': use namesrv or broker");
            }
        } catch (Exception e) {
            System.err.println("ROCKETMQ FAILED " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        // RocketMQ's non-daemon threads keep the JVM alive; SIGTERM runs the shutdown hook.
    }

    private static void runNameServer(String[] rawArgs) throws IOException {
        Options options = Options.parse(rawArgs, Set.of("listen-port"));
        String home = options.overrides()
                .getProperty(
                        "rocketmqHome",
                        System.getProperty(MixAll.ROCKETMQ_HOME_PROPERTY, System.getenv(MixAll.ROCKETMQ_HOME_ENV)));
        if (home == null) {
            throw new IllegalArgumentException("no RocketMQ home: set ROCKETMQ_HOME or --set rocketmqHome=DIR");
        }
        Path state = Path.of(home).toAbsolutePath().resolve("namesrv");
        useLogRoot(state.resolveSibling("logs"));

        NamesrvConfig config = new NamesrvConfig();
        config.setRocketmqHome(home);
        config.setKvConfigPath(state.resolve("kvConfig.json").toString());
        config.setConfigStorePath(state.resolve("namesrv.properties").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setListenPort(options.args().intValue("listen-port", 9876));
        MixAll.properties2Object(options.overrides(), config);
        MixAll.properties2Object(options.overrides(), server);

        NamesrvController nameServer = RocketMqNodes.startNameServer(config, server);
        Runtime.getRuntime().addShutdownHook(new Thread(nameServer::shutdown, "namesrv-shutdown"));
        ready("NAMESRV", server.getListenPort());
    }

    private static void runBroker(String[] rawArgs) throws Exception {
        Options options = Options.parse(rawArgs, Set.of("config"));
        Path configFile = Path.of(options.args().require("config"));
        // Only to find the store before RocketMQ's logging starts; RocketMQ reads the file itself below.
        Properties conf = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.ISO_8859_1)) {
            conf.load(reader);
        }
        conf.putAll(options.overrides());
        Path store = Path.of(conf.getProperty(
                        "storePathRootDir",
                        Path.of(System.getProperty("user.home"), "store").toString()))
                .toAbsolutePath();
        useLogRoot(store.resolveSibling("logs"));

        ConfigContext context = BrokerStartup.configFileToConfigContext(configFile.toString());
        // Kept in the broker's configuration like the file's own properties (an admin's config query shows them).
        context.getProperties().putAll(options.overrides());
        for (Object target : List.of(
                context.getBrokerConfig(),
                context.getNettyServerConfig(),
                context.getNettyClientConfig(),
                context.getMessageStoreConfig(),
                context.getAuthConfig())) {
            MixAll.properties2Object(options.overrides(), target);
        }
        if (context.getBrokerConfig().getRocketmqHome() == null) {
            // BrokerStartup would print a hint and exit with -2.
            throw new IllegalArgumentException("no RocketMQ home: set ROCKETMQ_HOME, rocketmqHome in " + configFile
                    + " or --set rocketmqHome=DIR");
        }
        BrokerController broker = RocketMqNodes.startBroker(BrokerStartup.buildBrokerController(context));
        Runtime.getRuntime().addShutdownHook(new Thread(BrokerStartup.buildShutdownHook(broker), "broker-shutdown"));
        ready("BROKER", broker.getNettyServerConfig().getListenPort());
    }

    /** Effective only before the first RocketMQ logger exists: its logback configuration reads the property then. */
    private static void useLogRoot(Path defaultRoot) throws IOException {
        if (System.getProperty(LOG_ROOT) == null) {
            System.setProperty(LOG_ROOT, defaultRoot.toString());
        }
        Files.createDirectories(Path.of(System.getProperty(LOG_ROOT)));
        EmbeddedRocketMq.prepareJvm();
    }

    private static void ready(String node, int port) {
        System.out.println("ROCKETMQ " + node + " READY port=" + port);
        System.out.flush();
    }

    /** The mode's options, and the repeatable {@code --set key=value} pairs taken out of them. */
    private record Options(Args args, Properties overrides) {

        static Options parse(String[] rawArgs, Set<String> allowed) {
            List<String> rest = new ArrayList<>();
            Properties overrides = new Properties();
            for (int i = 0; i < rawArgs.length; i++) {
                if (!rawArgs[i].equals("--set")) {
                    rest.add(rawArgs[i]);
                    continue;
                }
                String pair = i + 1 < rawArgs.length ? rawArgs[++i] : "";
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set needs key=value, got '" + pair + "'");
                }
                overrides.setProperty(
                        pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            return new Options(Args.parse(rest.toArray(String[]::new), allowed), overrides);
        }
    }
}
