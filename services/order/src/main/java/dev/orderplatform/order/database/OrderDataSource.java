package dev.orderplatform.order.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The order database as the service sees it: one {@link DataSource} over two connection pools. A connection taken for
 * a {@link ProtocolTransactions} transaction comes from the protocol pool, every other one from the requests' pool.
 * Statements join the transaction's connection as usual, so the repositories need not know which pool it is.
 */
final class OrderDataSource extends AbstractRoutingDataSource {

    enum Pool {
        REQUESTS,
        PROTOCOL
    }

    private final HikariDataSource requests;
    private final HikariDataSource protocol;

    OrderDataSource(HikariDataSource requests, HikariDataSource protocol) {
        this.requests = requests;
        this.protocol = protocol;
        setTargetDataSources(Map.of(Pool.REQUESTS, requests, Pool.PROTOCOL, protocol));
        setDefaultTargetDataSource(requests);
        setLenientFallback(false);
    }

    HikariDataSource protocolConnections() {
        return protocol;
    }

    /** Closes both pools: Spring calls a bean's close() when its context closes. */
    public void close() {
        protocol.close();
        requests.close();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return ProtocolTransactions.running() ? Pool.PROTOCOL : Pool.REQUESTS;
    }
}
