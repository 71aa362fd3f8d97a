package dev.orderplatform.infra.mariadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;

/**
 * What an operation costs MariaDB, by its session's status counters (the statements sent, the sorts made): for tests
 * that assert it (a count, unlike a time, is the same on every run).
 */
public final class SessionStatements {

    /** Reads {@code Questions}: the statements the session has sent, this one included. */
    public static final String QUESTIONS = status("Questions");

    /**
     * Reads the sorts the session's statements made the server do: filesorts ({@code Sort_range}, {@code Sort_scan})
     * and internal temporary tables ({@code Created_tmp_tables}), this one's included. Answers a name and a value, as
     * {@link #status} does.
     */
    public static final String SORTS = "SELECT 'Sorts', SUM(VARIABLE_VALUE) FROM information_schema.SESSION_STATUS"
            + " WHERE VARIABLE_NAME IN ('SORT_RANGE', 'SORT_SCAN', 'CREATED_TMP_TABLES')";

    private SessionStatements() {}

    /** Reads one session status variable, e.g. {@code Com_stmt_prepare}: its name, then its value. */
    public static String status(String variable) {
        return "SHOW SESSION STATUS LIKE '" + variable + "'";
    }

    /**
     * How much a session counter grew while {@code operation} ran. {@code counter} reads {@link #QUESTIONS},
     * {@link #SORTS} or a {@link #status} of the session the operation uses; what reading it costs (the read itself, and whatever returning
     * a pooled connection sends) is measured first and not counted.
     */
    public static long growthDuring(LongSupplier counter, Runnable operation) {
        long first = counter.getAsLong();
        long measuringCost = counter.getAsLong() - first;
        long before = counter.getAsLong();
        operation.run();
        return counter.getAsLong() - before - measuringCost;
    }

    /** {@link #QUESTIONS} of this connection's session. */
    public static long questions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet status = statement.executeQuery(QUESTIONS)) {
            status.next();
            return status.getLong(2);
        }
    }
}
