package dev.orderplatform.infra.rocketmq;

import dev.orderplatform.infra.support.Args;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedRocketMq} (name server + broker) as a process of its own, for the local launcher.
 *
 * <p>Options: {@code --work-dir DIR} (required; store and logs, kept between runs), {@code --namesrv-port P} and
 * {@code --broker-port P} (default 0: free ports; the broker also uses {@code P - 2}), {@code --settings fast|production}
 * (default {@code production}, see {@link RocketMqSettings}), {@code --timer-max-delay DURATION} (ISO-8601, e.g.
 * {@code P8D}; default the preset's, RocketMQ's 3 days: see {@link dev.orderplatform.contracts.TimerLimits}). It
 * creates the platform topics ({@link EmbeddedRocketMq#createPlatformTopics()}), then prints exactly one line to
 * standard output:
 * <pre>ROCKETMQ READY namesrv=127.0.0.1:&lt;port&gt;</pre>
 * and runs until SIGTERM (or SIGINT), when it stops the broker, waiting 3 s ({@code fast}) to 10 s
 * ({@code production}) for a clean shutdown.
 * A restart on the same ports and work directory keeps topics, messages and consumer offsets (also after
 * {@code SIGKILL}: the store is memory-mapped files). RocketMQ's logs go to {@code <work-dir>/logs}. On failure it
 * prints {@code ROCKETMQ FAILED <reason>} to standard error and exits with 1.
 */
public final class RocketMqServerMain {

    private static final Duration MIN_SHUTDOWN_WAIT = Duration.ofSeconds(3);
    private static final Duration MAX_SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private RocketMqServerMain() {}

    public static void main(String[] args) throws Exception {
        EmbeddedRocketMq mq;
        try {
            Args options =
                    Args.parse(args, Set.of("work-dir", "namesrv-port", "broker-port", "settings", "timer-max-delay"));
            Path workDir = Path.of(options.require("work-dir")).toAbsolutePath().normalize();
            Path logs = workDir.resolve("logs");
            Files.createDirectories(logs);
            // Before the first RocketMQ logger exists: RocketMQ's logback reads these when it configures itself.
            System.setProperty("rocketmq.log.root", logs.toString());
            System.setProperty("user.home", workDir.resolve("home").toString());
            EmbeddedRocketMq.prepareJvm();
            RocketMqSettings preset =
                    RocketMqSettings.named(options.get("settings").orElse("production"));
            RocketMqSettings settings = options.get("timer-max-delay")
                    .map(Duration::parse)
                    .map(preset::withTimerMaxDelay)
                    .orElse(preset);
            mq = EmbeddedRocketMq.start(
                    settings, workDir, options.intValue("namesrv-port", 0), options.intValue("broker-port", 0));
            mq.createPlatformTopics();
        } catch (Exception e) {
            System.err.println("ROCKETMQ FAILED " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedRocketMq server = mq;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // A clean stop flushes offsets and removes the abort file; it is not needed to keep
                            // messages (the store
                            // is memory-mapped), so do not hold the launcher up for the whole (10-20 s) RocketMQ
                            // shutdown.
                            Duration wait = server.settings().shutdownWait();
                            server.close(
                                    wait.compareTo(MIN_SHUTDOWN_WAIT) < 0
                                            ? MIN_SHUTDOWN_WAIT
                                            : wait.compareTo(MAX_SHUTDOWN_WAIT) > 0 ? MAX_SHUTDOWN_WAIT : wait);
                            stopped.countDown();
                        },
                        "rocketmq-main-shutdown"));
        System.out.println("ROCKETMQ READY namesrv=" + mq.nameServerAddress());
        System.out.flush();
        stopped.await();
    }
}
