package dev.orderplatform.order.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.OrderServiceTest;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.support.BrokerMessages;
import dev.orderplatform.order.support.Gate;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code orderplatform.protocol.mode=producer-per-request} (benchmarks only): every order creation starts a
 * transactional producer of its own, sends its one half message with it and shuts it down; the local transaction is
 * the reliable one (fence row, order, timeout message), closing still works through the long-lived producer.
 */
@TestPropertySource(properties = "orderplatform.protocol.mode=producer-per-request")
@DirtiesContext // its producers and timeout consumer leave their groups when this class is done
class ProducerPerRequestModeTest extends OrderServiceTest {

    @Autowired
    OrderProtocol selected;

    @Autowired
    TransactionalProducer longLived;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachCreationStartsAndShutsDownItsOwnProducer_theLocalTransactionIsTheReliableOne() throws Exception {
        assertThat(selected).isInstanceOf(ProducerPerRequestProtocol.class);
        assertThat(longLived.isRunning())
                .as("the long-lived producer still answers check-backs and closes")
                .isTrue();
        assertThat(api().raw("/actuator/info"))
                .startsWith("200")
                .contains("\"mode\":\"producer-per-request\"")
                .contains("\"benchmarkOnly\":true");
        assertThat(api().raw("/actuator/prometheus"))
                .contains("orderplatform_protocol_mode{consistent=\"true\",mode=\"producer-per-request\"} 1");

        long goods = platform.newGoods("6.00", 10);
        String user = Platform.freshUser();
        String token = tokenOf(user);
        OrderApi api = api();
        double startedBefore = counter("orderplatform.protocol.request.producers.started");
        double stoppedBefore = counter("orderplatform.protocol.request.producers.stopped");

        // Inside the local transaction (deducted, not stored yet), the order's own producer is up: a client
        // instance of its own in the RocketMQ client of this JVM.
        Gate afterSell = hooks.blockAfterSell(user);
        CompletableFuture<Response> creating = CompletableFuture.supplyAsync(() -> api.order(token, Map.of(goods, 4)));
        String orderSn = afterSell.awaitReached(Duration.ofSeconds(20));
        assertThat(perRequestClients())
                .as("client ids of per-request producers while the order is created")
                .hasSize(1);
        assertThat(meters.get("orderplatform.protocol.request.producers.running")
                        .gauge()
                        .value())
                .isEqualTo(1);
        afterSell.release();
        Response created = creating.get(30, TimeUnit.SECONDS);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("orderSn")).isEqualTo(orderSn);

        // Once the creation answered, its producer is shut down and gone from the client.
        assertThat(perRequestClients())
                .as("per-request producers after the creation")
                .isEmpty();
        assertThat(meters.get("orderplatform.protocol.request.producers.running")
                        .gauge()
                        .value())
                .isZero();
        assertThat(counter("orderplatform.protocol.request.producers.started") - startedBefore)
                .isEqualTo(1);
        assertThat(counter("orderplatform.protocol.request.producers.stopped") - stoppedBefore)
                .isEqualTo(1);

        // The reliable local transaction: deducted, fence row, order waiting; half and timer message at the broker.
        assertThat(platform.stock(goods)).isEqualTo(6);
        assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.WAIT_BUYER_PAY);
        assertThat(jdbc.sql("SELECT owner FROM order_fence WHERE order_sn = ?")
                        .param(orderSn)
                        .query(String.class)
                        .optional())
                .contains("CREATE");
        try (BrokerMessages broker = BrokerMessages.open()) {
            assertThat(broker.withKey(BrokerMessages.HALF_TOPIC, orderSn))
                    .as("half message")
                    .isNotEmpty();
            // The timer leaves after the answer, from the process's producer.
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(broker.withKey(BrokerMessages.TIMER_TOPIC, orderSn))
                            .as("pending timeout")
                            .isNotEmpty());
        }

        // A second order gets a second producer; closing it (what its timeout does) returns its stock.
        String second =
                api.order(tokenOf(Platform.freshUser()), Map.of(goods, 2)).text("orderSn");
        assertThat(counter("orderplatform.protocol.request.producers.started") - startedBefore)
                .isEqualTo(2);
        assertThat(counter("orderplatform.protocol.request.producers.stopped") - stoppedBefore)
                .isEqualTo(2);
        assertThat(perRequestClients()).isEmpty();
        assertThat(platform.stock(goods)).isEqualTo(4);
        assertThat(selected.closeIfUnpaid(second)).isEqualTo(OrderProtocol.CloseResult.CLOSED);
        awaitRecord(second, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 6);

        assertThat(api.post(token, "/api/v1/orders/" + orderSn + "/pay", null).text("status"))
                .isEqualTo("TRADE_SUCCESS");
        assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void aDoubleSubmitCreatesOneOrder_theOtherDeductionIsReturned() throws Exception {
        long goods = platform.newGoods("6.00", 10);
        String user = Platform.freshUser();
        api().post(tokenOf(user), "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 3));

        DoubleSubmit submits = submitTwiceFromOneCartRead(user, Map.of());

        assertThat(submits.second().status()).as(submits.second().toString()).isEqualTo(201);
        assertThat(submits.first().status()).as(submits.first().toString()).isEqualTo(409);
        assertThat(submits.first().code()).isEqualTo("CART_CHANGED");
        awaitRecord(submits.firstOrderSn(), SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 7);
        assertAuditClean(Map.of(goods, 10));
    }

    /** Client instances of per-request producers alive in this JVM's RocketMQ client (keyed by client id). */
    private static List<String> perRequestClients() {
        return MQClientManager.getInstance().getFactoryTable().keySet().stream()
                .filter(id -> id.contains(ProducerPerRequestProtocol.INSTANCE_PREFIX))
                .toList();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }
}
