package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.protocol.TransactionalProducer;
import dev.orderplatform.order.support.BrokerMessages;
import dev.orderplatform.order.support.Gate;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The payment deadline and the timeout sweeper (issue 10 items 2 and 13): the timer message is sent after the order's
 * transaction, without holding it; when that message is lost, payment is still refused after the deadline and the
 * sweeper closes the order and returns its stock, once.
 */
@TestPropertySource(
        properties = {
            "orderplatform.order.timeout=3s",
            "orderplatform.timeout-sweeper.interval=500ms",
            "orderplatform.timeout-sweeper.grace=10s"
        })
class OrderDeadlineTest extends OrderServiceTest {

    @Autowired
    TransactionalProducer producer;

    @Autowired
    MeterRegistry meters;

    @Test
    void timerLostAfterTheCommit_paymentAfterTheDeadlineIsRefused_theSweeperClosesTheOrderAndReturnsItsStockOnce()
            throws Exception {
        long goods = platform.newGoods("6.00", 10);
        String user = Platform.freshUser();
        String token = tokenOf(user);
        OrderApi api = api();
        double sweptBefore = sweptClosed();
        Gate beforeTimer = hooks.blockBeforeTimer(user);
        CompletableFuture<Response> creating = CompletableFuture.supplyAsync(() -> api.order(token, Map.of(goods, 4)));
        String orderSn = beforeTimer.awaitReached(Duration.ofSeconds(20));

        // The broker is out of this process's reach when the timer message is sent: the send really fails. (The
        // producer's stop waits for the timer threads, so it runs aside while the held send is let go.)
        Response created = creating.get(30, TimeUnit.SECONDS);
        double notSentBefore = timersNotSent();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(producer::stop);
        try {
            await().atMost(WAIT).until(() -> !producer.isRunning());
            beforeTimer.release();
            stopping.get(30, TimeUnit.SECONDS);
        } finally {
            producer.start();
        }
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(timersNotSent()).isEqualTo(notSentBefore + 1);
        assertThat(created.text("orderSn")).isEqualTo(orderSn);
        assertThat(platform.stock(goods)).isEqualTo(6);

        // After the deadline, before the sweeper's grace is over: still waiting, but no longer payable.
        Instant deadline = Instant.parse(created.text("payDeadline"));
        await().atMost(WAIT).until(() -> Instant.now().isAfter(deadline));
        Response late = api.post(token, "/api/v1/orders/" + orderSn + "/pay", null);
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("ORDER_PAYMENT_DEADLINE_PASSED");
        assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.WAIT_BUYER_PAY);
        assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);

        // The sweeper closes it through the close-and-return transactional message; the timer never existed.
        try (BrokerMessages broker = BrokerMessages.open()) {
            assertThat(broker.withKey(BrokerMessages.TIMER_TOPIC, orderSn))
                    .as("pending timer")
                    .isEmpty();
            assertThat(broker.withKey(Topics.ORDER_TIMEOUT, orderSn))
                    .as("delivered timer")
                    .isEmpty();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.TRADE_CLOSED));
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);
        assertThat(sweptClosed()).isGreaterThanOrEqualTo(sweptBefore + 1);
        assertThat(api.post(token, "/api/v1/orders/" + orderSn + "/pay", null).code())
                .isEqualTo("ORDER_CLOSED");

        // Once: later sweeps and check-backs return nothing more.
        Thread.sleep(CHECK_WINDOW.toMillis());
        assertThat(platform.stock(goods)).isEqualTo(10);
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void theTimerIsSentAfterTheCommitAndTheAnswer_whileItIsSentTheFenceRowIsFree() throws Exception {
        long goods = platform.newGoods("6.00", 10);
        String user = Platform.freshUser();
        OrderApi api = api();
        Gate beforeTimer = hooks.blockBeforeTimer(user);
        CompletableFuture<Response> creating =
                CompletableFuture.supplyAsync(() -> api.order(tokenOf(user), Map.of(goods, 2)));
        String orderSn = beforeTimer.awaitReached(Duration.ofSeconds(20));
        try {
            // A slow broker: the send stands still. Another transaction can lock the fence row and the order row,
            // and sees the order committed.
            try (Connection connection = platform.infra().mariaDb().openConnection("orders")) {
                connection.setAutoCommit(false);
                try (Statement session = connection.createStatement()) {
                    session.execute("SET SESSION innodb_lock_wait_timeout = 2");
                }
                assertThat(lockedColumn(
                                connection, "SELECT owner FROM order_fence WHERE order_sn = ? FOR UPDATE", orderSn))
                        .isEqualTo("CREATE");
                assertThat(lockedColumn(connection, "SELECT status FROM orders WHERE order_sn = ? FOR UPDATE", orderSn))
                        .isEqualTo("WAIT_BUYER_PAY");
                connection.rollback();
            }
            // The order is answered while its timer message is still held: the request does not wait for the broker.
            Response created = creating.get(30, TimeUnit.SECONDS);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.text("orderSn")).isEqualTo(orderSn);
        } finally {
            beforeTimer.release();
        }

        // The timer message was sent, and the order closes.
        await().atMost(WAIT).untilAsserted(() -> assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.TRADE_CLOSED));
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);
        try (BrokerMessages broker = BrokerMessages.open()) {
            assertThat(broker.withKey(Topics.ORDER_TIMEOUT, orderSn))
                    .as("delivered timer")
                    .isNotEmpty();
        }
        assertAuditClean(Map.of(goods, 10));
    }

    private static String lockedColumn(Connection connection, String sql, String orderSn) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, orderSn);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private double timersNotSent() {
        return meters.find("orderplatform.orders.timers.unsent").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private double sweptClosed() {
        return meters.find("orderplatform.orders.swept").tag("result", "CLOSED").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
