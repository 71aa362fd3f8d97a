package dev.orderplatform.order.support;

import dev.orderplatform.infra.mariadb.SessionStatements;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A session counter of {@link SessionStatements} read through {@code jdbc}: inside a transaction, the counter of the
 * transaction's connection.
 */
public final class SessionCounter {

    private SessionCounter() {}

    /** {@code query} is one of {@link SessionStatements}' reads: it answers a name and a value. */
    public static LongSupplier of(JdbcClient jdbc, String query) {
        return () -> jdbc.sql(query).query((rs, row) -> rs.getLong(2)).single();
    }
}
