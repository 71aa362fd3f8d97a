package dev.orderplatform.infra.mariadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;

/**
 * Counts the statements an operation sends to MariaDB, by the session's {@code Questions} status: for tests that
 * assert what an operation costs the database (a count, unlike a time, is the same on every run).
 */
public final class SessionStatements {

    /** Reads {@code Questions}: the statements the session has sent, this one included. */
    public static final String QUESTIONS = "SHOW SESSION STATUS LIKE 'Questions'";

    private SessionStatements() {}

    /**
     * The statements {@code operation} sent. {@code questions} reads {@link #QUESTIONS} of the session the operation
     * uses; what reading it costs (the SHOW itself, and whatever returning a pooled connection sends) is measured
     * first and not counted.
     */
    public static long sentBy(LongSupplier questions, Runnable operation) {
        long first = questions.getAsLong();
        long measuringCost = questions.getAsLong() - first;
        long before = questions.getAsLong();
        operation.run();
        return questions.getAsLong() - before - measuringCost;
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
