package dev.orderplatform.order.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.order.OrderServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ProtocolTransactionsTest extends OrderServiceTest {

    @Autowired
    ProtocolTransactions protocolTransactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    /** A connection's session as a transaction sees it: which one, and the SET statements it has received. */
    record Session(long connectionId, long setStatements) {}

    @Test
    void aProtocolTransactionRunsOnAProtocolConnectionAndSwitchesNoAutocommit() {
        Session first = inProtocolTransaction();
        Session second = inProtocolTransaction();
        for (int attempt = 0; attempt < 20 && second.connectionId() != first.connectionId(); attempt++) {
            first = second;
            second = inProtocolTransaction();
        }
        assertThat(second.connectionId())
                .as("two transactions in a row on one connection")
                .isEqualTo(first.connectionId());
        // Between the two: the first's COMMIT and the second's start. A connection that autocommits would have been
        // sent "set autocommit=1" after the first and "set autocommit=0" before the second.
        assertThat(second.setStatements() - first.setStatements()).isZero();
    }

    @Test
    void statementsOutsideAProtocolTransactionAutocommitOnTheRequestsConnections() {
        assertThat(jdbc.sql("SELECT @@autocommit").query(Integer.class).single())
                .isEqualTo(1);
        protocolTransactions.executeWithoutResult(tx -> {
            jdbc.sql("DO 1").update();
            assertThat(((OrderDataSource) dataSource)
                            .protocolConnections()
                            .getHikariPoolMXBean()
                            .getActiveConnections())
                    .as("this transaction's connection")
                    .isPositive();
        });
        assertThat(meters.find("hikaricp.connections.active")
                        .tag("pool", "protocol")
                        .gauge())
                .as("the protocol pool's metrics")
                .isNotNull();
    }

    private Session inProtocolTransaction() {
        return protocolTransactions.execute(tx -> jdbc.sql("SELECT CONNECTION_ID(), VARIABLE_VALUE"
                        + " FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'COM_SET_OPTION'")
                .query((rs, row) -> new Session(rs.getLong(1), rs.getLong(2)))
                .single());
    }
}
