package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.infra.mariadb.EmbeddedMariaDb;
import dev.orderplatform.order.support.Gate;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import dev.orderplatform.order.support.TcpProxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 10 item 8: the order application reaches its database through a {@link TcpProxy} that the test cuts, so the
 * database really becomes unreachable in the middle of an order's creation. An outcome that cannot be decided is
 * reported as unknown, with the order number, never as "not created".
 */
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=1500")
class DatabaseOutageTest extends OrderServiceTest {

    static final TcpProxy database;

    static {
        EmbeddedMariaDb mariaDb = Platform.get().infra().mariaDb();
        database = TcpProxy.to("127.0.0.1", mariaDb.port());
    }

    /** Hikari's own URL: it wins over {@code spring.datasource.url}, which the base class sets. */
    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.hikari.jdbc-url", DatabaseOutageTest::proxiedUrl);
    }

    static String proxiedUrl() {
        EmbeddedMariaDb mariaDb = Platform.get().infra().mariaDb();
        return mariaDb.jdbcUrl("orders")
                .replace("127.0.0.1:" + mariaDb.port() + "/", "127.0.0.1:" + database.port() + "/");
    }

    @Autowired
    DataSource dataSource;

    @AfterAll
    static void restore() {
        database.restore();
    }

    @Test
    void databaseUnreachableDuringTheLocalTransactionAndTheDecision_outcomeUnknownWithTheOrderNumber()
            throws Exception {
        // The requests' pool; the protocol's, which the local transaction below runs on, has the same settings.
        assertThat(dataSource.unwrap(HikariDataSource.class).getJdbcUrl()).isEqualTo(proxiedUrl());
        long goods = platform.newGoods("7.00", 10);
        String user = Platform.freshUser();
        OrderApi api = api();
        Gate fenceHeld = hooks.blockAfterFence(user);
        CompletableFuture<Response> creating =
                CompletableFuture.supplyAsync(() -> api.order(tokenOf(user), Map.of(goods, 3)));
        String orderSn = fenceHeld.awaitReached(Duration.ofSeconds(20));
        assertThat(platform.stock(goods)).isEqualTo(7);

        // The database goes away while the local transaction runs: its insert fails, and so does the decision.
        database.cut();
        Response response;
        try {
            fenceHeld.release();
            response = creating.get(60, TimeUnit.SECONDS);
        } finally {
            database.restore();
        }
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("ORDER_OUTCOME_UNKNOWN");
        assertThat(response.text("orderSn")).isEqualTo(orderSn);

        // Back up: the broker's check-back decides (nothing was committed) and the stock comes back.
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);
        assertThat(statusOf(orderSn)).isNull();
        Thread.sleep(CHECK_WINDOW.toMillis());
        assertThat(platform.stock(goods)).isEqualTo(10);
        assertAuditClean(Map.of(goods, 10));
    }
}
