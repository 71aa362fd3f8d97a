package dev.orderplatform.order.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.contracts.inventory.v1.SellOutcome;
import dev.orderplatform.contracts.messaging.v1.OrderTimeoutDue;
import dev.orderplatform.infra.rocketmq.EmbeddedRocketMq;
import dev.orderplatform.infra.rocketmq.TopicMessageType;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.support.BrokerMessages;
import dev.orderplatform.order.support.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.rocketmq.common.MixAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each invariant gauge moves when its condition is really produced on the platform (real broker, database, goods and
 * inventory): violations written into the database, a deduction left without an order, a message in a dead-letter
 * queue, a message the inventory parks, an order closed late by its timer message.
 */
class InvariantMetricsTest extends MonitoringTest {

    private static final String VIOLATIONS = "orderplatform_invariant_violations";
    private static final String IN_DOUBT = "orderplatform_invariant_in_doubt_orders";
    private static final String PAST_GRACE = "orderplatform_invariant_deducted_past_grace";
    private static final String DEAD_LETTERS = "orderplatform_dead_letter_messages";
    private static final String LATENESS = "orderplatform_orders_timeout_lateness_seconds";

    @Autowired
    JdbcClient jdbc;

    @Test
    void violationsByKind_inDoubtOrders_andDeductionsPastTheGrace() throws Exception {
        long goods = platform.newGoods("4.00", 50);
        // Earlier tests' deductions without a live order are all past the grace from here on.
        Thread.sleep(GRACE.toMillis());
        invariantMetrics.refresh();
        double withoutOrder = violations("DEDUCTED_WITHOUT_ORDER");
        double forClosedOrder = violations("DEDUCTED_FOR_CLOSED_ORDER");
        double mismatch = violations("QUANTITY_MISMATCH");
        double pastGrace = orderMetric(PAST_GRACE);
        assertThat(orderMetric(IN_DOUBT)).isZero();

        // A deduction whose order never came (its return lost: A11's case).
        assertThat(platform.sell(Platform.freshOrderSn(), goods, 1).getOutcome())
                .isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);
        // An order closed behind the protocol's back: its stock was not returned.
        String closed =
                api().order(tokenOf(Platform.freshUser()), Map.of(goods, 2)).text("orderSn");
        jdbc.sql("UPDATE orders SET status = 'TRADE_CLOSED' WHERE order_sn = ?")
                .param(closed)
                .update();
        // A live order whose lines no longer match its deduction.
        String edited =
                api().order(tokenOf(Platform.freshUser()), Map.of(goods, 3)).text("orderSn");
        jdbc.sql("UPDATE order_line SET quantity = quantity + 1 WHERE order_sn = ?")
                .param(edited)
                .update();
        invariantMetrics.refresh();

        assertThat(violations("DEDUCTED_WITHOUT_ORDER")).isEqualTo(withoutOrder + 1);
        assertThat(violations("DEDUCTED_FOR_CLOSED_ORDER")).isEqualTo(forClosedOrder + 1);
        assertThat(violations("QUANTITY_MISMATCH")).isEqualTo(mismatch + 1);
        assertThat(orderMetric(IN_DOUBT))
                .as("the orphan and the closed order's deduction")
                .isEqualTo(2);
        assertThat(orderMetric(PAST_GRACE)).isEqualTo(pastGrace);
        assertThat(orderMetric("orderplatform_invariant_audit_records")).isPositive();
        assertThat(orderMetric("orderplatform_invariant_audit_timestamp_seconds"))
                .isGreaterThan((double) Instant.now().minusSeconds(60).getEpochSecond());

        Thread.sleep(GRACE.toMillis());
        invariantMetrics.refresh();
        assertThat(orderMetric(IN_DOUBT)).isZero();
        assertThat(orderMetric(PAST_GRACE)).isEqualTo(pastGrace + 2);
    }

    @Test
    void deadLetterQueueDepthOfEachConsumerGroup() {
        invariantMetrics.refresh();
        double timeouts = orderMetric(DEAD_LETTERS, "group=\"order-timeout\"");
        double returns = orderMetric(DEAD_LETTERS, "group=\"inventory-reback\"");
        assertThat(orderExports(DEAD_LETTERS, "group=\"inventory-reback\""))
                .as("a group whose dead-letter queue does not exist yet has depth 0")
                .isTrue();

        // Where the broker puts an order-timeout message after the consumer's last retry.
        String deadLetterTopic = MixAll.getDLQTopic(Topics.ORDER_TIMEOUT_GROUP);
        platform.infra().rocketMq().createTopic(deadLetterTopic, TopicMessageType.NORMAL);
        String orderSn = Platform.freshOrderSn();
        try (BrokerMessages broker = BrokerMessages.open()) {
            broker.send(
                    deadLetterTopic,
                    orderSn,
                    OrderTimeoutDue.newBuilder().setOrderSn(orderSn).build().toByteArray());
        }
        invariantMetrics.refresh();

        assertThat(orderMetric(DEAD_LETTERS, "group=\"order-timeout\"")).isEqualTo(timeouts + 1);
        assertThat(orderMetric(DEAD_LETTERS, "group=\"inventory-reback\"")).isEqualTo(returns);
    }

    @Test
    void aGroupWithoutADeadLetterQueueIsReadWithoutAWarning() throws IOException {
        String absent = MixAll.getDLQTopic(Topics.INVENTORY_REBACK_GROUP);
        long warnings = lookupWarnings(absent);

        invariantMetrics.refresh();

        assertThat(orderMetric(DEAD_LETTERS, "group=\"inventory-reback\""))
                .as("no dead-letter queue (its depth: 0)")
                .isZero();
        // On a healthy platform once a minute, for as long as the group has had no dead letter. (The log is
        // asynchronous.)
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(lookupWarnings(absent)).isEqualTo(warnings));
    }

    /**
     * Warnings in this JVM's RocketMQ log (the client's, the name server's) that a look for the topic causes: the
     * client's for a route the name server does not have, the name server's for each request of its topic list.
     */
    private static long lookupWarnings(String topic) throws IOException {
        return EmbeddedRocketMq.logLines(line ->
                        (line.contains("RouteInfoFromNameServer is not exist") && line.contains("[" + topic + "]"))
                                || line.contains("getAllTopicListFromNameserver"))
                .size();
    }

    @Test
    void parkedMessagesAreCountedByTheInventory() {
        double parked = platform.inventoryMetric("inventory_parked_messages_stored");
        try (BrokerMessages broker = BrokerMessages.open()) {
            broker.send(
                    Topics.ORDER_REBACK,
                    "unreadable-" + Platform.freshOrderSn(),
                    "not a StockReturnRequested".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(platform.inventoryMetric("inventory_parked_messages_stored"))
                        .isEqualTo(parked + 1));
    }

    @Test
    void anOrderClosedByItsTimerMessageMinutesAfterItsDeadlineIsObservedThatLate() {
        long goods = platform.newGoods("2.00", 5);
        String orderSn =
                api().order(tokenOf(Platform.freshUser()), Map.of(goods, 1)).text("orderSn");
        // Its deadline passed three minutes ago (its timer message was late, e.g. a consumer far behind).
        jdbc.sql("UPDATE orders SET pay_deadline = ? WHERE order_sn = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(3))), orderSn)
                .update();
        double observed = orderMetric(LATENESS + "_count");
        double withinTwoMinutes = orderMetric(LATENESS + "_bucket", "le=\"120.0\"");
        double withinFiveMinutes = orderMetric(LATENESS + "_bucket", "le=\"300.0\"");

        try (BrokerMessages broker = BrokerMessages.open()) {
            broker.send(
                    Topics.ORDER_TIMEOUT,
                    orderSn,
                    OrderTimeoutDue.newBuilder().setOrderSn(orderSn).build().toByteArray());
        }
        await().atMost(WAIT).until(() -> statusOf(orderSn) == OrderStatus.TRADE_CLOSED);
        await().atMost(WAIT).until(() -> orderMetric(LATENESS + "_count") == observed + 1);

        assertThat(orderMetric(LATENESS + "_bucket", "le=\"120.0\"")).isEqualTo(withinTwoMinutes);
        assertThat(orderMetric(LATENESS + "_bucket", "le=\"300.0\"")).isEqualTo(withinFiveMinutes + 1);
        awaitStock(goods, 5);
    }

    private double violations(String kind) {
        return orderMetric(VIOLATIONS, "kind=\"" + kind + "\"");
    }
}
