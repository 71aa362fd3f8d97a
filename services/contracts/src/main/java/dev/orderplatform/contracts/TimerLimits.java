package dev.orderplatform.contracts;

import java.time.Duration;

/**
 * How long a timer message may be delayed: a RocketMQ broker refuses timer messages due later than its
 * {@code timerMaxDelaySec}, so every order's timeout message would be refused if the order timeout exceeded it.
 * Whoever configures a broker for the platform (the operator, the local launcher, the embedded broker) sets that
 * limit with {@link #brokerTimerMaxDelay(Duration)} and tells the order service the same value in
 * {@link #TIMER_MAX_DELAY_PROPERTY}; the order service refuses to start with a longer timeout.
 */
public final class TimerLimits {

    /** RocketMQ's default {@code timerMaxDelaySec}: 3 days. */
    public static final Duration BROKER_DEFAULT_TIMER_MAX_DELAY = Duration.ofDays(3);

    /** Room above the order timeout, so that a broker's limit is never exactly the delay of a timeout message. */
    public static final Duration MARGIN = Duration.ofHours(1);

    /** The order service's property with the broker's limit (environment: ORDERPLATFORM_ROCKETMQ_TIMER_MAX_DELAY). */
    public static final String TIMER_MAX_DELAY_PROPERTY = "orderplatform.rocketmq.timer-max-delay";

    private TimerLimits() {}

    /** The broker's limit for an order timeout: RocketMQ's default, or the timeout plus {@link #MARGIN} if longer. */
    public static Duration brokerTimerMaxDelay(Duration orderTimeout) {
        Duration needed = Duration.ofSeconds(orderTimeout.plus(MARGIN).toSeconds());
        return needed.compareTo(BROKER_DEFAULT_TIMER_MAX_DELAY) > 0 ? needed : BROKER_DEFAULT_TIMER_MAX_DELAY;
    }
}
