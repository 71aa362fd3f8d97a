package dev.orderplatform.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.infra.mariadb.SessionStatements;
import dev.orderplatform.order.OrderServiceTest;
import dev.orderplatform.order.support.Platform;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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
        Order order = newOrder(
                OrderStatus.WAIT_BUYER_PAY, "5.00", null, List.of(new OrderLine(1, "pen", new BigDecimal("5.00"), 1)));

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

    /** Paying answers the paid order: it and its lines are read in one statement (two before, issue 11). */
    @Test
    void findingAnOrderReadsItWithItsLinesInOneStatement() {
        Order order = newOrder(
                OrderStatus.TRADE_SUCCESS,
                "12.00",
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                List.of(
                        new OrderLine(1, "pen", new BigDecimal("5.00"), 2),
                        new OrderLine(2, "ink", new BigDecimal("2.00"), 1)));

        // As above: one connection, rolled back.
        transactions.executeWithoutResult(status -> {
            orders.insert(order);
            AtomicReference<Optional<Order>> found = new AtomicReference<>();
            assertThat(SessionStatements.sentBy(this::questions, () -> found.set(orders.find(order.orderSn()))))
                    .isEqualTo(1);
            assertThat(found.get()).contains(order);
            assertThat(orders.find(Platform.freshOrderSn())).isEmpty();
            status.setRollbackOnly();
        });
    }

    /** An order of a fresh user, created now (to the millisecond, as stored), never closed. */
    private static Order newOrder(OrderStatus status, String total, Instant paidAt, List<OrderLine> lines) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Order(
                Platform.freshOrderSn(),
                Platform.freshUser(),
                status,
                new BigDecimal(total),
                "1 Test Street",
                "Tess",
                "13800000000",
                now,
                now,
                paidAt,
                null,
                now.plus(30, ChronoUnit.MINUTES),
                lines);
    }

    private long questions() {
        return jdbc.sql(SessionStatements.QUESTIONS)
                .query((rs, row) -> rs.getLong(2))
                .single();
    }

    private long serverSidePrepares() {
        return jdbc.sql("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")
                .query((rs, row) -> rs.getLong(2))
                .single();
    }
}
