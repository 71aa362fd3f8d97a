package dev.orderplatform.order.database;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.NamedThreadLocal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The protocol's transactions (an order's local transaction, a close, a decision under the fence), run on the
 * protocol's own connections ({@link OrderDataSource}). Those connections never autocommit, so a transaction is its
 * statements and a COMMIT, without switching autocommit off and on again; and an order whose stock is deducted never
 * waits for a connection behind cart adds and order reads when the service is overloaded (issue 11 part 20).
 */
public final class ProtocolTransactions {

    private static final ThreadLocal<Boolean> RUNNING = new NamedThreadLocal<>("protocol transaction");

    private final TransactionTemplate transactions;

    ProtocolTransactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Runs {@code action} in a new transaction on a protocol connection (or in the caller's, if it has one). */
    public <T> @Nullable T execute(TransactionCallback<T> action) {
        Boolean outer = RUNNING.get();
        RUNNING.set(Boolean.TRUE);
        try {
            return transactions.execute(action);
        } finally {
            RUNNING.set(outer);
        }
    }

    public void executeWithoutResult(Consumer<TransactionStatus> action) {
        execute(status -> {
            action.accept(status);
            return null;
        });
    }

    /** Whether this thread is starting or running a protocol transaction: its connection is a protocol one. */
    static boolean running() {
        return Boolean.TRUE.equals(RUNNING.get());
    }
}
