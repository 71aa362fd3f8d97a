package dev.orderplatform.inventory.reback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.contracts.inventory.v1.SellOutcome;
import dev.orderplatform.contracts.messaging.v1.StockReturnRequested;
import dev.orderplatform.inventory.InventoryServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The order_reback consumer on the real broker: a committed transactional StockReturnRequested, as the order
 * service sends it, ends in the right stock exactly once (A5), before or after the Sell (A4); malformed messages are
 * parked and do not hold up the others.
 */
class RebackThroughBrokerTest extends InventoryServiceTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    RebackMessageHandler handler;

    @Autowired
    MeterRegistry meters;

    @Test
    void returnMessageThroughTheBrokerGivesTheStockBack() throws Exception {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();
        assertThat(sell(orderSn, goods, 6).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_DEDUCTED);
        assertThat(stockOf(goods)).isEqualTo(4);

        sendReturn(orderSn, "CREATE_FAILED");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(recordStatus(orderSn)).isEqualTo("RETURNED"));
        assertThat(stockOf(goods)).isEqualTo(10);
    }

    @Test
    void duplicateAndRedeliveredReturnsGiveTheStockBackOnce() throws Exception {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();
        sell(orderSn, goods, 3);

        // The same return sent twice through the broker (a producer retry, or creation and timeout both returning):
        // one delivery returns the stock, the other finds the order RETURNED.
        double duplicatesBefore = duplicates();
        MessageExt first = sendReturn(orderSn, "ORDER_TIMEOUT");
        sendReturn(orderSn, "ORDER_TIMEOUT");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(recordStatus(orderSn)).isEqualTo("RETURNED");
            assertThat(duplicates()).isGreaterThanOrEqualTo(duplicatesBefore + 1);
        });
        assertThat(stockOf(goods)).isEqualTo(10);
        // A redelivery of the very same message, handed to the handler twice more.
        assertThat(handler.handle(first)).isEqualTo(RebackMessageHandler.Handled.DUPLICATE);
        assertThat(handler.handle(first)).isEqualTo(RebackMessageHandler.Handled.DUPLICATE);

        assertThat(stockOf(goods)).isEqualTo(10);
        assertThat(sell(orderSn, goods, 3).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_ALREADY_RETURNED);
        assertThat(stockOf(goods)).isEqualTo(10);
    }

    private double duplicates() {
        return meters.counter("inventory.returns", "result", "duplicate").count();
    }

    @Test
    void handlerCalledTwiceWithOneMessageReturnsOnce() {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();
        sell(orderSn, goods, 7);
        MessageExt message = message(
                orderSn,
                StockReturnRequested.newBuilder()
                        .setOrderSn(orderSn)
                        .setReason("ORDER_TIMEOUT")
                        .build()
                        .toByteArray());

        assertThat(handler.handle(message)).isEqualTo(RebackMessageHandler.Handled.RETURNED);
        assertThat(handler.handle(message)).isEqualTo(RebackMessageHandler.Handled.DUPLICATE);

        assertThat(stockOf(goods)).isEqualTo(10);
    }

    @Test
    void returnThroughTheBrokerBeforeTheSellRefusesTheLateSell() throws Exception {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();

        sendReturn(orderSn, "CREATE_FAILED");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(recordStatus(orderSn)).isEqualTo("RETURNED"));

        assertThat(sell(orderSn, goods, 5).getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_ALREADY_RETURNED);
        assertThat(stockOf(goods)).isEqualTo(10);
    }

    @Test
    void malformedMessagesAreParkedAndDoNotBlockLaterOnes() throws Exception {
        long goods = goodsWithStock(10);
        String orderSn = freshOrderSn();
        sell(orderSn, goods, 2);
        String garbageKey = freshOrderSn();
        String blankKey = freshOrderSn();

        MessageExt garbage = sendRaw(garbageKey, text("definitely not protobuf"));
        MessageExt blank = sendRaw(
                blankKey,
                StockReturnRequested.newBuilder()
                        .setReason("CREATE_FAILED")
                        .build()
                        .toByteArray());
        sendReturn(orderSn, "CREATE_FAILED");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(recordStatus(orderSn)).isEqualTo("RETURNED");
            assertThat(parked(garbageKey)).isOne();
            assertThat(parked(blankKey)).isOne();
        });
        assertThat(stockOf(goods)).isEqualTo(10);
        var row = jdbc.queryForMap(
                "SELECT message_id, topic, body, reason FROM parked_message WHERE message_key = ?", garbageKey);
        assertThat(row.get("message_id")).isEqualTo(garbage.getMsgId());
        assertThat(row.get("topic")).isEqualTo(Topics.ORDER_REBACK);
        assertThat((byte[]) row.get("body")).isEqualTo(text("definitely not protobuf"));
        assertThat((String) row.get("reason")).contains("not a StockReturnRequested");
        assertThat(jdbc.queryForObject(
                        "SELECT reason FROM parked_message WHERE message_key = ?", String.class, blankKey))
                .contains("blank");
        // A redelivery of a parked message is acknowledged again and not parked twice.
        assertThat(handler.handle(blank)).isEqualTo(RebackMessageHandler.Handled.PARKED);
        assertThat(parked(blankKey)).isOne();
    }

    private int parked(String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM parked_message WHERE message_key = ?", Integer.class, key);
    }

    private static MessageExt message(String key, byte[] body) {
        MessageExt message = new MessageExt();
        message.setTopic(Topics.ORDER_REBACK);
        message.setKeys(key);
        message.setBody(body);
        message.setMsgId("TEST" + key);
        return message;
    }
}
