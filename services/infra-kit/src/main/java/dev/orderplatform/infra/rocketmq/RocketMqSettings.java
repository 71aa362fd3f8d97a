package dev.orderplatform.infra.rocketmq;

import dev.orderplatform.contracts.TimerLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Broker settings of an {@link EmbeddedRocketMq}: two presets and withers for the values tests tune.
 *
 * @param transactionCheckIntervalMs    how often the broker scans half messages for check-backs ({@code transactionCheckInterval})
 * @param transactionTimeoutMs          age of a half message before its first check-back ({@code transactionTimeOut})
 * @param transactionOpBatchIntervalMs  how often commit/rollback "op" records are flushed ({@code transactionOpBatchInterval})
 * @param transactionCheckMax           check-backs before the broker discards a half message ({@code transactionCheckMax}, see anomaly A11)
 * @param timerWheelEnabled             RocketMQ 5 timer messages with arbitrary delays ({@code timerWheelEnable})
 * @param timerPrecisionMs              timer wheel slot length ({@code timerPrecisionMs})
 * @param timerFlushIntervalMs          how often the timer wheel, timer log and checkpoint are written out
 *                                      ({@code timerFlushIntervalMs}); both presets have {@link #TIMER_FLUSH_INTERVAL_MS}
 * @param timerMaxDelay                 the longest delay of an accepted timer message ({@code timerMaxDelaySec}, whole
 *                                      seconds); both presets have RocketMQ's default, 3 days: see {@link TimerLimits}
 * @param mappedFileSizeCommitLog       size of one commit log file, in bytes
 * @param mappedFileSizeTimerLog        size of one timer log file, in bytes
 * @param maxMessageSize                largest accepted message, in bytes
 * @param queuesPerTopic                read and write queues of topics created through {@link EmbeddedRocketMq#createTopic}
 * @param autoCreateTopics              whether the broker creates unknown topics on first send ({@code autoCreateTopicEnable});
 *                                      off in both presets: an auto-created topic has no message type and its consumers
 *                                      only see it after the next route refresh (about 30 s), so a typo fails fast instead
 * @param shutdownWait                  how long {@link EmbeddedRocketMq#close()} waits for the (slow, 10-20 s) broker
 *                                      shutdown before returning and letting it finish in the background
 */
// InvalidParam: the {@code ...} names in the @param lines are the broker.conf keys, not misspelt parameters.
@SuppressWarnings("InvalidParam")
public record RocketMqSettings(
        long transactionCheckIntervalMs,
        long transactionTimeoutMs,
        int transactionOpBatchIntervalMs,
        int transactionCheckMax,
        boolean timerWheelEnabled,
        int timerPrecisionMs,
        int timerFlushIntervalMs,
        Duration timerMaxDelay,
        int mappedFileSizeCommitLog,
        int mappedFileSizeTimerLog,
        int maxMessageSize,
        int queuesPerTopic,
        boolean autoCreateTopics,
        Duration shutdownWait) {

    /**
     * The broker's {@code timerFlushIntervalMs} (RocketMQ's default: 1 s), also in the operator's broker.conf. Every
     * flush compares the whole timer wheel (7 days of slots, about 39 MB whatever the precision) byte by byte with its
     * file: once a second that was a third of the broker's CPU at 50 orders/s. Nothing waits for a flush: timer
     * messages are due from the wheel in memory, and after a crash the broker rebuilds the wheel from the timer log
     * and re-reads the timer topic from the last checkpoint (a timer may then fire twice; closing an order is a
     * compare-and-set, A7).
     */
    public static final int TIMER_FLUSH_INTERVAL_MS = 10_000;

    public RocketMqSettings {
        if (transactionCheckIntervalMs <= 0 || transactionTimeoutMs <= 0 || transactionOpBatchIntervalMs <= 0) {
            throw new IllegalArgumentException("transaction intervals must be positive");
        }
        if (transactionCheckMax <= 0 || timerPrecisionMs <= 0 || timerFlushIntervalMs <= 0 || queuesPerTopic <= 0) {
            throw new IllegalArgumentException(
                    "transactionCheckMax, timerPrecisionMs, timerFlushIntervalMs and queuesPerTopic must be positive");
        }
        if (mappedFileSizeCommitLog < 1 << 20 || mappedFileSizeTimerLog < 1 << 20 || maxMessageSize < 1024) {
            throw new IllegalArgumentException("mapped files must be at least 1 MiB and maxMessageSize at least 1 KiB");
        }
        Objects.requireNonNull(shutdownWait, "shutdownWait");
        if (timerMaxDelay.toSeconds() < 1
                || timerMaxDelay.toSeconds() > Integer.MAX_VALUE
                || timerMaxDelay.toNanosPart() != 0) {
            throw new IllegalArgumentException("timerMaxDelay must be whole seconds, at least 1 s: " + timerMaxDelay);
        }
    }

    /**
     * Settings for tests: check-back 1-2 s after an {@code UNKNOW}, timer messages within ~100 ms of their
     * due time, small files, {@code maxMessageSize} 512 KiB (direct memory runs out before heap otherwise),
     * and {@code close()} that does not wait for the broker shutdown.
     */
    public static RocketMqSettings fastForTests() {
        return new RocketMqSettings(
                1_000,
                1_000,
                200,
                15,
                true,
                100,
                TIMER_FLUSH_INTERVAL_MS,
                TimerLimits.BROKER_DEFAULT_TIMER_MAX_DELAY,
                64 * 1024 * 1024,
                4 * 1024 * 1024,
                512 * 1024,
                4,
                false,
                Duration.ZERO);
    }

    /**
     * Production-like settings (RocketMQ's defaults where they are sensible): check-back scan every 30 s,
     * first check-back of a half message after 10 s, 1 s timer precision, 1 GiB commit log files,
     * 4 MiB messages, 8 queues per topic, and a graceful shutdown of up to 30 s.
     */
    public static RocketMqSettings productionLike() {
        return new RocketMqSettings(
                30_000,
                10_000,
                3_000,
                15,
                true,
                1_000,
                TIMER_FLUSH_INTERVAL_MS,
                TimerLimits.BROKER_DEFAULT_TIMER_MAX_DELAY,
                1024 * 1024 * 1024,
                100 * 1024 * 1024,
                4 * 1024 * 1024,
                8,
                false,
                Duration.ofSeconds(30));
    }

    /** Same settings with another check-back scan interval and first check-back age. */
    public RocketMqSettings withTransactionCheck(long intervalMs, long timeoutMs) {
        return new RocketMqSettings(
                intervalMs,
                timeoutMs,
                transactionOpBatchIntervalMs,
                transactionCheckMax,
                timerWheelEnabled,
                timerPrecisionMs,
                timerFlushIntervalMs,
                timerMaxDelay,
                mappedFileSizeCommitLog,
                mappedFileSizeTimerLog,
                maxMessageSize,
                queuesPerTopic,
                autoCreateTopics,
                shutdownWait);
    }

    /** Same settings with another number of check-backs before a half message is discarded (anomaly A11). */
    public RocketMqSettings withTransactionCheckMax(int checkMax) {
        return new RocketMqSettings(
                transactionCheckIntervalMs,
                transactionTimeoutMs,
                transactionOpBatchIntervalMs,
                checkMax,
                timerWheelEnabled,
                timerPrecisionMs,
                timerFlushIntervalMs,
                timerMaxDelay,
                mappedFileSizeCommitLog,
                mappedFileSizeTimerLog,
                maxMessageSize,
                queuesPerTopic,
                autoCreateTopics,
                shutdownWait);
    }

    /** Same settings with another wait for the broker shutdown in {@link EmbeddedRocketMq#close()}. */
    public RocketMqSettings withShutdownWait(Duration wait) {
        return new RocketMqSettings(
                transactionCheckIntervalMs,
                transactionTimeoutMs,
                transactionOpBatchIntervalMs,
                transactionCheckMax,
                timerWheelEnabled,
                timerPrecisionMs,
                timerFlushIntervalMs,
                timerMaxDelay,
                mappedFileSizeCommitLog,
                mappedFileSizeTimerLog,
                maxMessageSize,
                queuesPerTopic,
                autoCreateTopics,
                wait);
    }

    /** Same settings with another longest timer delay ({@code timerMaxDelaySec}). */
    public RocketMqSettings withTimerMaxDelay(Duration delay) {
        return new RocketMqSettings(
                transactionCheckIntervalMs,
                transactionTimeoutMs,
                transactionOpBatchIntervalMs,
                transactionCheckMax,
                timerWheelEnabled,
                timerPrecisionMs,
                timerFlushIntervalMs,
                delay,
                mappedFileSizeCommitLog,
                mappedFileSizeTimerLog,
                maxMessageSize,
                queuesPerTopic,
                autoCreateTopics,
                shutdownWait);
    }

    /** The preset named {@code fast} or {@code production} (the {@code --settings} argument of the server mains). */
    public static RocketMqSettings named(String name) {
        return switch (name) {
            case "fast", "test", "tests" -> fastForTests();
            case "production", "prod" -> productionLike();
            default ->
                throw new IllegalArgumentException("unknown RocketMQ settings '" + name + "': use fast or production");
        };
    }
}
