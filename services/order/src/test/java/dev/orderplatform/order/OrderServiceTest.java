package dev.orderplatform.order;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.infra.junit.WithPlatformInfrastructure;
import dev.orderplatform.order.audit.AuditCollector;
import dev.orderplatform.order.audit.AuditReport;
import dev.orderplatform.order.order.OrderRepository;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.protocol.ReliableMessageProtocol;
import dev.orderplatform.order.support.FaultInjection;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.Platform;
import dev.orderplatform.order.support.SellFaults;
import dev.orderplatform.order.support.TestHooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    protected void awaitRecord(String orderSn, SellRecordStatus status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(status));
    }

    protected void awaitStock(long goodsId, int stock) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
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
