package dev.orderplatform.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.order.OrderServiceTest;
import dev.orderplatform.order.support.Platform;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The order rows on the real MariaDB. */
class OrderRepositoryTest extends OrderServiceTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    /**
     * A new order has no payment or close time. Binding those nulls must not ask the driver for the parameter types:
     * MariaDB's driver answers that with a server-side PREPARE and CLOSE, a round trip per order (issue 11).
     */
    @Test
    void insertingAnOrderWithNullColumnsPreparesNothingOnTheServerAndStoresNull() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Order order = new Order(
                Platform.freshOrderSn(),
                Platform.freshUser(),
                OrderStatus.WAIT_BUYER_PAY,
                new BigDecimal("5.00"),
                "1 Test Street",
                "Tess",
                "13800000000",
                now,
                now,
                null,
                null,
                now.plus(30, ChronoUnit.MINUTES),
                List.of(new OrderLine(1, "pen", new BigDecimal("5.00"), 1)));

        // One transaction: one connection, whose session counters count this insert only. Rolled back: the order
        // is no real one, and no audit should ever meet it.
        transactions.executeWithoutResult(status -> {
            long prepared = serverSidePrepares();
            orders.insert(order);
            assertThat(serverSidePrepares() - prepared).isZero();
            assertThat(jdbc.sql("SELECT paid_at IS NULL AND closed_at IS NULL FROM orders WHERE order_sn = ?")
                            .param(order.orderSn())
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            status.setRollbackOnly();
        });
    }

    private long serverSidePrepares() {
        return jdbc.sql("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")
                .query((rs, row) -> rs.getLong(2))
                .single();
    }
}
