package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.infra.junit.WithPlatformInfrastructure;
import dev.orderplatform.order.audit.AuditCollector;
import dev.orderplatform.order.audit.AuditReport;
import dev.orderplatform.order.order.OrderRepository;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.protocol.ReliableMessageProtocol;
import dev.orderplatform.order.support.FaultInjection;
import dev.orderplatform.order.support.Gate;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.Platform;
import dev.orderplatform.order.support.SellFaults;
import dev.orderplatform.order.support.TestHooks;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the end-to-end tests: the order application (order timeout 30 min) with its fault-injection beans, against
 * the real broker, database, goods and inventory (see {@link Platform}). Test classes share all of it and isolate
 * themselves by data: fresh users and fresh goods.
 */
@SpringBootTest(classes = OrderApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@Import(FaultInjection.class)
@TestPropertySource(properties = "orderplatform.order.timeout=30m")
public abstract class OrderServiceTest {

    /** Longer than the broker's check-back delay in tests (1-2 s after an unresolved half message). */
    protected static final Duration CHECK_WINDOW = Duration.ofSeconds(4);

    protected static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        Platform.get().register(registry);
    }

    protected final Platform platform = Platform.get();

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestHooks hooks;

    @Autowired
    protected SellFaults sellFaults;

    @Autowired
    protected ReliableMessageProtocol protocol;

    @Autowired
    protected OrderRepository orders;

    @Autowired
    protected AuditCollector audit;

    protected OrderApi api() {
        return new OrderApi(port);
    }

    protected String tokenOf(String userId) {
        return platform.userToken(userId);
    }

    /** What two submits of one cart answered, and the order number of the first. */
    protected record DoubleSubmit(String firstOrderSn, OrderApi.Response first, OrderApi.Response second) {}

    /**
     * A double click on "order" with the user's cart: the first submit reads the cart, then stops before it sends or
     * deducts anything; the second runs to its end meanwhile; then the first goes on with what it read. (Stopped
     * before its half message, the first is never fenced out by a check-back however long the second takes.)
     */
    protected DoubleSubmit submitTwiceFromOneCartRead(String user, Map<String, String> headers) throws Exception {
        OrderApi api = api();
        String token = tokenOf(user);
        Gate firstRead = hooks.blockBeforeHalfMessage(user);
        CompletableFuture<OrderApi.Response> first = CompletableFuture.supplyAsync(
                () -> api.send(token, "POST", "/api/v1/orders", OrderApi.ORDER_DETAILS, headers));
        String firstOrderSn = firstRead.awaitReached(Duration.ofSeconds(20));
        OrderApi.Response second = api.send(token, "POST", "/api/v1/orders", OrderApi.ORDER_DETAILS, headers);
        firstRead.release();
        return new DoubleSubmit(firstOrderSn, first.get(30, TimeUnit.SECONDS), second);
    }

    protected void awaitRecord(String orderSn, SellRecordStatus status) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(
                        () -> assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(status));
    }

    protected void awaitStock(long goodsId, int stock) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(platform.stock(goodsId)).isEqualTo(stock));
    }

    protected OrderStatus statusOf(String orderSn) {
        return orders.status(orderSn).orElse(null);
    }

    /** The stock audit over the given goods, with their initial stock: must find nothing. */
    protected void assertAuditClean(Map<Long, Integer> initialStock) {
        AuditReport report = audit.audit(List.of(), initialStock);
        assertThat(report.violations()).as("stock audit of %s", initialStock).isEmpty();
        assertThat(report.consistent()).isTrue();
    }

    protected void assertAuditClean(Collection<Long> goodsIds) {
        AuditReport report = audit.audit(goodsIds, Map.of());
        assertThat(report.violations()).as("stock audit of %s", goodsIds).isEmpty();
    }
}
