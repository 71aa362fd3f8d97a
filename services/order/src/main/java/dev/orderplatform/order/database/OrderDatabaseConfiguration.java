package dev.orderplatform.order.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.orderplatform.order.OrderProperties;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The order database's connections: the requests' pool ({@code spring.datasource.*}, as Spring Boot would build it)
 * and the protocol's pool (the same settings, {@code orderplatform.order.protocol-connections} connections that start
 * outside autocommit), behind the one {@link OrderDataSource} that everything else uses. With
 * {@code protocol-connections} 0 the protocol's transactions take the requests' connections, as before issue 11 part 20.
 */
@Configuration(proxyBeanMethods = false)
public class OrderDatabaseConfiguration {

    @Bean
    DataSource dataSource(
            DataSourceProperties properties,
            Environment environment,
            OrderProperties order,
            ObjectProvider<MeterRegistry> meterRegistry) {
        HikariDataSource requests = pool(properties, environment, "requests");
        if (order.protocolConnections() == 0) {
            return requests;
        }
        // Only ProtocolTransactions take its connections, and only for a transaction: a statement run outside one
        // would be rolled back when its connection returns.
        HikariDataSource protocol = pool(properties, environment, "protocol");
        protocol.setMaximumPoolSize(order.protocolConnections());
        protocol.setMinimumIdle(order.protocolConnections());
        protocol.setAutoCommit(false);
        // Spring Boot gives the pool behind the DataSource its metrics (the requests'); this one's are set here.
        meterRegistry.ifAvailable(
                registry -> protocol.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
        return new OrderDataSource(requests, protocol);
    }

    @Bean
    ProtocolTransactions protocolTransactions(PlatformTransactionManager transactionManager) {
        return new ProtocolTransactions(transactionManager);
    }

    /** A pool as Spring Boot builds one: URL and credentials from {@code spring.datasource}, the rest from its hikari. */
    private static HikariDataSource pool(DataSourceProperties properties, Environment environment, String name) {
        HikariDataSource pool = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setPoolName(name);
        return pool;
    }
}
