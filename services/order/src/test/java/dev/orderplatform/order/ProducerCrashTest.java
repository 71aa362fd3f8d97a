package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.protocol.OrderProtocol;
import dev.orderplatform.order.protocol.OrderProtocol.CloseResult;
import dev.orderplatform.order.protocol.TransactionalProducer;
import dev.orderplatform.order.support.FaultInjection;
import dev.orderplatform.order.support.Gate;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import dev.orderplatform.order.support.TestHooks;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A1 and A8: the order process dies inside the protocol. The victim is a second order application in this JVM
 * whose transactional producer is shut down while one of its protocol threads stands inside a window of
 * vulnerability, so its end of the transaction is never sent; the broker's check-back then goes to the other
 * producer of the group (the test class's own order application), which answers with the decision rule.
 */
class ProducerCrashTest extends OrderServiceTest {

    static ConfigurableApplicationContext victim;

    @Autowired
    MeterRegistry survivorMeters;

    @BeforeAll
    static void startVictim() {
        // As command-line arguments: they must win over application.yaml (builder "properties" are only defaults).
        String[] args = Platform.get().orderProperties(Duration.ofMinutes(30)).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        victim = new SpringApplicationBuilder(OrderApplication.class, FaultInjection.class).run(args);
    }

    @AfterAll
    static void stopVictim() {
        if (victim != null) {
            victim.close();
        }
    }

    @AfterEach
    void reviveVictimProducer() {
        TransactionalProducer producer = victim.getBean(TransactionalProducer.class);
        if (!producer.isRunning()) {
            producer.start();
        }
    }

    @Test
    void a1_processDiesBetweenSellAndLocalCommit_checkBackReturnsTheStockOnce_andTheLateTransactionIsFencedOut()
            throws Exception {
        long goods = platform.newGoods("8.00", 10);
        String user = Platform.freshUser();
        OrderApi victimApi = new OrderApi(victim.getEnvironment().getProperty("local.server.port", Integer.class));
        Gate afterSell = victim.getBean(TestHooks.class).blockAfterSell(user);
        double commitsBefore = checkBacks("COMMIT_MESSAGE");

        CompletableFuture<Response> creating =
                CompletableFuture.supplyAsync(() -> victimApi.order(platform.userToken(user), Map.of(goods, 4)));
        String orderSn = afterSell.awaitReached(Duration.ofSeconds(20));
        assertThat(platform.stock(goods)).isEqualTo(6);

        // The process dies here: its producer is gone, the half message is never ended by it.
        victim.getBean(TransactionalProducer.class).stop();

        // The broker asks the group; the surviving producer fences the order out and commits the return.
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);
        assertThat(checkBacks("COMMIT_MESSAGE")).isGreaterThan(commitsBefore);

        // The dead process's transaction wakes up late: the fence refuses it, no order appears.
        afterSell.release();
        Response late = creating.get(30, TimeUnit.SECONDS);
        assertThat(late.status()).as(late.toString()).isEqualTo(503);
        assertThat(late.code()).isEqualTo("ORDER_NOT_CREATED");
        assertThat(statusOf(orderSn)).isNull();

        // Exactly once: nothing more comes back.
        Thread.sleep(CHECK_WINDOW.toMillis());
        assertThat(platform.stock(goods)).isEqualTo(10);
        assertAuditClean(Map.of(goods, 10));
    }

    @Test
    void a8_processDiesBetweenTheCloseCommitAndTheEndOfItsMessage_checkBackCommitsTheReturn() throws Exception {
        long goods = platform.newGoods("8.00", 10);
        String user = Platform.freshUser();
        Response created = api().order(tokenOf(user), Map.of(goods, 3));
        String orderSn = created.text("orderSn");
        assertThat(platform.stock(goods)).isEqualTo(7);

        Gate afterClose = victim.getBean(TestHooks.class).blockAfterClose(orderSn);
        OrderProtocol victimProtocol = victim.getBean(OrderProtocol.class);
        CompletableFuture<CloseResult> closing =
                CompletableFuture.supplyAsync(() -> victimProtocol.closeIfUnpaid(orderSn));
        afterClose.awaitReached(Duration.ofSeconds(20));
        assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.TRADE_CLOSED);
        assertThat(platform.sellRecordStatus(orderSn)).isEqualTo(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED);

        victim.getBean(TransactionalProducer.class).stop();

        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);
        afterClose.release();
        assertThat(closing.get(30, TimeUnit.SECONDS)).isEqualTo(CloseResult.CLOSED);
        Thread.sleep(CHECK_WINDOW.toMillis());
        assertThat(platform.stock(goods)).isEqualTo(10);
        assertAuditClean(Map.of(goods, 10));
    }

    private double checkBacks(String verdict) {
        return survivorMeters.find("orderplatform.checkbacks").tag("verdict", verdict).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
