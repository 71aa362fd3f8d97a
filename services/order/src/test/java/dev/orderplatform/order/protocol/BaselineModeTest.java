package dev.orderplatform.order.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.contracts.messaging.v1.OrderTimeoutDue;
import dev.orderplatform.infra.junit.WithPlatformInfrastructure;
import dev.orderplatform.order.OrderApplication;
import dev.orderplatform.order.audit.AuditCollector;
import dev.orderplatform.order.audit.AuditReport;
import dev.orderplatform.order.order.OrderRepository;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.reconciliation.Reconciliation;
import dev.orderplatform.order.support.BrokerMessages;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import dev.orderplatform.order.timeout.OrderTimeoutConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code orderplatform.protocol.mode=baseline} (benchmarks only): creation is BatchGetGoods, Sell and the local
 * transaction; the broker never sees a message for the order (no half message, no timeout message), no producer,
 * timeout consumer or reconciliation exists, payment works as ever. An order timeout of 5 s (short, yet long enough
 * to pay within it on a loaded machine) shows that none fires.
 */
@SpringBootTest(
        classes = OrderApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"orderplatform.protocol.mode=baseline", "orderplatform.order.timeout=5s"})
@WithPlatformInfrastructure
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class) // from before the application starts: its startup WARN
class BaselineModeTest {

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        Platform.get().register(registry);
    }

    private final Platform platform = Platform.get();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    OrderProtocol selected;

    @Autowired
    OrderRepository orders;

    @Autowired
    AuditCollector audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsAndDeductsWithoutAnyMessage_noTimeoutNoReconciliation_loudAboutIt(CapturedOutput output)
            throws Exception {
        // The mode: the baseline protocol and none of the messaging beans; a WARN, a gauge, /actuator/info.
        assertThat(selected).isInstanceOf(BaselineProtocol.class);
        for (Class<?> absent : List.of(
                ReliableMessageProtocol.class,
                TransactionalProducer.class,
                OrderTimeoutConsumer.class,
                Reconciliation.class)) {
            assertThat(context.getBeanNamesForType(absent))
                    .as(absent.getSimpleName())
                    .isEmpty();
        }
        assertThat(output.getOut()
                        .lines()
                        .filter(line -> line.contains("WARN")
                                && line.contains("orderplatform.protocol.mode=baseline: FOR BENCHMARKS ONLY"))
                        .toList())
                .singleElement()
                .asString()
                .contains("breaks the stock guarantees");
        OrderApi api = new OrderApi(port);
        assertThat(api.raw("/actuator/info"))
                .startsWith("200")
                .contains("\"mode\":\"baseline\"")
                .contains("\"consistent\":false");
        assertThat(api.raw("/actuator/prometheus"))
                .contains("orderplatform_protocol_mode{consistent=\"false\",mode=\"baseline\"} 1");
        Response reconciliation = api.post(platform.adminToken(), "/api/v1/reconciliation/runs", null);
        assertThat(reconciliation.status()).as(reconciliation.toString()).isEqualTo(404);
        assertThat(reconciliation.code()).isEqualTo("NOT_FOUND");

        // Create: deducted under the order number, stored, no fence row.
        long goods = platform.newGoods("5.00", 10);
        String payer = platform.userToken(Platform.freshUser());
        String abandoner = platform.userToken(Platform.freshUser());
        Response paid = api.order(payer, Map.of(goods, 3));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        Response unpaid = api.order(abandoner, Map.of(goods, 2));
        assertThat(unpaid.status()).as(unpaid.toString()).isEqualTo(201);
        List<String> orderSns = List.of(paid.text("orderSn"), unpaid.text("orderSn"));
        assertThat(platform.stock(goods)).isEqualTo(5);
        for (String orderSn : orderSns) {
            assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);
            assertThat(orders.status(orderSn)).contains(OrderStatus.WAIT_BUYER_PAY);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM order_fence WHERE order_sn = ?")
                            .param(orderSn)
                            .query(Integer.class)
                            .single())
                    .isZero();
        }
        // Refusals keep their codes; payment is unchanged.
        Response tooMany = api.order(platform.userToken(Platform.freshUser()), Map.of(goods, 6));
        assertThat(tooMany.code()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(api.post(payer, "/api/v1/orders/" + orderSns.get(0) + "/pay", null)
                        .text("status"))
                .isEqualTo("TRADE_SUCCESS");

        // Well past the unpaid order's deadline: nothing closed it, nothing came back.
        Duration pastDeadline = Duration.between(Instant.now(), Instant.parse(unpaid.text("payDeadline")))
                .plusMillis(1_500);
        Thread.sleep(Math.max(0, pastDeadline.toMillis()));
        assertThat(orders.status(orderSns.get(1))).contains(OrderStatus.WAIT_BUYER_PAY);
        assertThat(platform.stock(goods)).isEqualTo(5);

        // The broker stored nothing for these orders: no half message, no return, no timer, no timeout.
        try (BrokerMessages broker = BrokerMessages.open()) {
            String control = Platform.freshOrderSn(); // a message that IS there, for the same lookup to find
            broker.send(
                    Topics.ORDER_TIMEOUT,
                    control,
                    OrderTimeoutDue.newBuilder().setOrderSn(control).build().toByteArray());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !broker.withKey(Topics.ORDER_TIMEOUT, control).isEmpty());
            for (String orderSn : orderSns) {
                for (String topic : List.of(
                        BrokerMessages.HALF_TOPIC,
                        Topics.ORDER_REBACK,
                        BrokerMessages.TIMER_TOPIC,
                        Topics.ORDER_TIMEOUT)) {
                    assertThat(broker.withKey(topic, orderSn))
                            .as("messages of order %s on %s", orderSn, topic)
                            .isEmpty();
                }
            }
        }

        AuditReport report = audit.audit(List.of(), Map.of(goods, 10));
        assertThat(report.violations()).isEmpty();
    }
}
