package dev.orderplatform.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.infra.mariadb.SessionStatements;
import dev.orderplatform.order.OrderServiceTest;
import dev.orderplatform.order.support.Platform;
import dev.orderplatform.order.support.SessionCounter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
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
     * Statements are prepared on the server once per connection and then only executed (issue 11: the server no longer
     * parses each one). A new order has no payment or close time: binding those nulls must not make the driver ask for
     * the parameter types either, which MariaDB's driver does with a PREPARE and a CLOSE of its own, a round trip per
     * order.
     */
    @Test
    void insertingAnOrderExecutesStatementsPreparedOnceOnTheServerAndStoresNull() {
        List<Order> three = Stream.generate(() -> newOrder(
                        OrderStatus.WAIT_BUYER_PAY,
                        "5.00",
                        null,
                        List.of(new OrderLine(1, "pen", new BigDecimal("5.00"), 1))))
                .limit(3)
                .toList();

        // One transaction: one connection, whose session counters count these inserts only. Rolled back: the orders
        // are no real ones, and no audit should ever meet them.
        transactions.executeWithoutResult(status -> {
            orders.insert(three.get(0)); // prepares its statements on this connection, unless an earlier use did
            assertThat(SessionStatements.growthDuring(
                            SessionCounter.of(jdbc, SessionStatements.status("Com_stmt_prepare")),
                            () -> orders.insert(three.get(1))))
                    .isZero();
            assertThat(SessionStatements.growthDuring(
                            SessionCounter.of(jdbc, SessionStatements.status("Com_stmt_execute")),
                            () -> orders.insert(three.get(2))))
                    .as("the order and its line, executed as prepared statements")
                    .isEqualTo(2);
            assertThat(jdbc.sql("SELECT paid_at IS NULL AND closed_at IS NULL FROM orders WHERE order_sn = ?")
                            .param(three.get(2).orderSn())
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            status.setRollbackOnly();
        });
    }

    /**
     * Paying answers the paid order: it and its lines are read in one statement (two before, issue 11), which the
     * server answers without a temporary table or a sort of its own (one of each before: the lines were ordered in SQL).
     */
    @Test
    void findingAnOrderReadsItWithItsLinesInOneStatementThatSortsNothingOnTheServer() {
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
            assertThat(SessionStatements.growthDuring(
                            SessionCounter.of(jdbc, SessionStatements.QUESTIONS),
                            () -> found.set(orders.find(order.orderSn()))))
                    .isEqualTo(1);
            assertThat(found.get()).contains(order);
            assertThat(SessionStatements.growthDuring(
                            SessionCounter.of(jdbc, SessionStatements.SORTS), () -> orders.find(order.orderSn())))
                    .isZero();
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
}
