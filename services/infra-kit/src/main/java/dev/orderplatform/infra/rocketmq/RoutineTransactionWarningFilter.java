package dev.orderplatform.infra.rocketmq;

import java.util.List;
import org.apache.rocketmq.logging.ch.qos.logback.classic.spi.ILoggingEvent;
import org.apache.rocketmq.logging.ch.qos.logback.core.filter.Filter;
import org.apache.rocketmq.logging.ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the broker's warnings about transactional messages that describe this platform's normal operation
 * (RocketMQ's shaded logback, this kit's {@code rmq.logback.xml}); every other line passes, a rollback answered to a
 * check-back and an illegal offset among them.
 */
public final class RoutineTransactionWarningFilter extends Filter<ILoggingEvent> {

    /**
     * {@code EndTransactionProcessor}: a producer rolled back its half message as it ended it. That rollback is how
     * every created order ends its "return the stock" message (docs/protocol.md): one warning per order.
     */
    static final String ROLLED_BACK_BY_PRODUCER =
            "The producer[{}] end transaction in sending message, rollback the message.";

    /**
     * {@code TransactionalMessageBridge}: a read of the half or op queue found no message after the offset, the
     * check-back scan having caught up. Each scan with nothing to check logs it (every second with the tests'
     * settings, every 30 s with the operator's).
     */
    static final String CAUGHT_UP_WITH_QUEUE = "No new message. GetMessageStatus={}";

    /** {@code TransactionalMessageServiceImpl}: the same scan, the op queue caught up, in its own words. */
    static final String CAUGHT_UP_WITH_OP_QUEUE = "The miss op offset={} in queue={} is NO_NEW_MSG";

    private static final List<String> ROUTINE =
            List.of(ROLLED_BACK_BY_PRODUCER, CAUGHT_UP_WITH_QUEUE, CAUGHT_UP_WITH_OP_QUEUE);

    @Override
    public FilterReply decide(ILoggingEvent event) {
        // The format string, before its arguments are put in.
        String format = event.getMessage();
        return format != null && ROUTINE.stream().anyMatch(format::startsWith) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
