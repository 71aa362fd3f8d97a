package dev.orderplatform.inventory.sell;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.orderplatform.infra.mariadb.SessionStatements;
import dev.orderplatform.inventory.InventoryServiceTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** What a Sell costs the database (issue 11), counted on a pool configured like the application's. */
class SellStatementsTest extends InventoryServiceTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    SellRecordRepository records;

    /**
     * Insert the record, decrement the stock, insert the item, commit: four statements. The pool's connections do not
     * commit automatically, so the transaction does not switch autocommit off and on again around them (six before).
     */
    @Test
    void aSellOfOneGoodsIsFourStatements() throws SQLException {
        long goods = goodsWithStock(5);
        HikariConfig config = new HikariConfig();
        dataSource.unwrap(HikariDataSource.class).copyStateTo(config);
        config.setPoolName("sell-statements");
        // One connection: the Sell's session is the one the counter is read from.
        config.setMaximumPoolSize(1);
        try (HikariDataSource oneConnection = new HikariDataSource(config)) {
            SellService sells = new SellService(
                    new JdbcTemplate(oneConnection),
                    new JdbcTransactionManager(oneConnection),
                    records,
                    new SimpleMeterRegistry());
            String orderSn = freshOrderSn();

            long sent = SessionStatements.growthDuring(
                    () -> questions(oneConnection),
                    () -> assertThat(sells.sell(orderSn, List.of(new SellRecordItem(goods, 2)))
                                    .outcome())
                            .isEqualTo(SellResult.Outcome.DEDUCTED));

            assertThat(sent).isEqualTo(4);
        }
        assertThat(stockOf(goods)).as("committed").isEqualTo(3);
    }

    private static long questions(DataSource pool) {
        try (Connection connection = pool.getConnection()) {
            return SessionStatements.questions(connection);
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
