package dev.orderplatform.order.protocol;

import dev.orderplatform.web.tracing.MessageTracing;
import java.util.Optional;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * The protocol's listener as the producer calls it, traced: each local transaction is a span in the trace of the
 * order's request or timeout, each check-back (A1) a span in the trace of the half message it answers, both tagged
 * with their verdict. The protocol itself stays free of tracing code.
 */
final class TracedTransactionListener implements TransactionListener {

    private final TransactionListener protocol;
    private final MessageTracing tracing;

    TracedTransactionListener(TransactionListener protocol, MessageTracing tracing) {
        this.protocol = protocol;
        this.tracing = tracing;
    }

    @Override
    public LocalTransactionState executeLocalTransaction(Message message, Object arg) {
        return tracing.localTransaction(
                message, kindOf(message), Enum::name, () -> protocol.executeLocalTransaction(message, arg));
    }

    @Override
    public LocalTransactionState checkLocalTransaction(MessageExt message) {
        return tracing.checkBack(message, kindOf(message), Enum::name, () -> protocol.checkLocalTransaction(message));
    }

    private static String kindOf(Message message) {
        return Optional.ofNullable(message.getUserProperty(ReliableMessageProtocol.KIND))
                .orElse("UNKNOWN");
    }
}
