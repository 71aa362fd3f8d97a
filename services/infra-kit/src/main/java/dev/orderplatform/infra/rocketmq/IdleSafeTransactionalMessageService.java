package dev.orderplatform.infra.rocketmq;

import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.broker.transaction.queue.TransactionalMessageBridge;
import org.apache.rocketmq.broker.transaction.queue.TransactionalMessageServiceImpl;

/**
 * RocketMQ 5.5.0's transactional message service with one fix: its op-batch thread must not spin when idle.
 *
 * <p>{@code TransactionalMessageServiceImpl.batchSendOpMessage()} computes the next wake-up from the last write of
 * every queue, pending or not; once a queue has been idle for one {@code transactionOpBatchInterval}, the wake-up is
 * in the past, the method returns 0 and {@code TransactionalOpBatchService} loops without sleeping: one core busy
 * for as long as the broker runs (measured here: a whole core of a 2-core machine, which halved the platform's
 * throughput). With nothing pending there is nothing to flush before the next interval, so sleep for one.
 */
final class IdleSafeTransactionalMessageService extends TransactionalMessageServiceImpl {

    private final long batchIntervalMs;

    IdleSafeTransactionalMessageService(BrokerController broker) {
        super(new TransactionalMessageBridge(broker, broker.getMessageStore()));
        this.batchIntervalMs = broker.getBrokerConfig().getTransactionOpBatchInterval();
    }

    @Override
    public long batchSendOpMessage() {
        long next = super.batchSendOpMessage();
        long now = System.currentTimeMillis();
        if (next > now || hasPendingOps()) {
            return next;
        }
        return now + batchIntervalMs;
    }

    private boolean hasPendingOps() {
        return getDeleteContext().values().stream()
                .anyMatch(queue -> queue.getTotalSize().get() > 0);
    }
}
