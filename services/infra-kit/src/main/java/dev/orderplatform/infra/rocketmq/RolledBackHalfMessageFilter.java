package dev.orderplatform.infra.rocketmq;

import org.apache.rocketmq.logging.ch.qos.logback.classic.spi.ILoggingEvent;
import org.apache.rocketmq.logging.ch.qos.logback.core.filter.Filter;
import org.apache.rocketmq.logging.ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the broker's warning that a producer rolled back its half message as it ended it ({@code
 * EndTransactionProcessor}, RocketMQ's shaded logback, this kit's {@code rmq.logback.xml}). In this platform's
 * protocol that rollback is how every created order ends its "return the stock" message (docs/protocol.md): the
 * broker logged one warning per order. A rollback answered to a check-back, and every other line, still pass.
 */
public final class RolledBackHalfMessageFilter extends Filter<ILoggingEvent> {

    /** The start of the warning's format string (before its arguments are put in). */
    static final String ROLLED_BACK_BY_PRODUCER =
            "The producer[{}] end transaction in sending message, rollback the message.";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        String format = event.getMessage();
        return format != null && format.startsWith(ROLLED_BACK_BY_PRODUCER) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
