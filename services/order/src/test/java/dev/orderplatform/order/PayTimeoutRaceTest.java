package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.protocol.OrderProtocol.CloseResult;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A7: payment and the timeout race on 30 orders at once; each time exactly one wins and the stock follows it. */
class PayTimeoutRaceTest extends OrderServiceTest {

    static final int ROUNDS = 30;

    @Test
    void a7_exactlyOneOfPaymentAndTimeoutWins() throws Exception {
        long goods = platform.newGoods("1.00", 200);
        OrderApi api = api();
        List<String> tokens = new ArrayList<>();
        List<String> orderSns = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String token = tokenOf(Platform.freshUser());
            int quantity = 1 + round % 3;
            Response created = api.order(token, Map.of(goods, quantity));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            tokens.add(token);
            orderSns.add(created.text("orderSn"));
            quantities.add(quantity);
        }

        ExecutorService pool = Executors.newFixedThreadPool(2 * ROUNDS);
        List<CompletableFuture<Response>> payments = new ArrayList<>();
        List<CompletableFuture<CloseResult>> timeouts = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                String token = tokens.get(round);
                String orderSn = orderSns.get(round);
                payments.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return api.post(token, "/api/v1/orders/" + orderSn + "/pay", null);
                        },
                        pool));
                timeouts.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return protocol.closeIfUnpaid(orderSn); // what the order-timeout consumer does
                        },
                        pool));
            }
            CompletableFuture.allOf(payments.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            CompletableFuture.allOf(timeouts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        int paid = 0;
        int keptQuantity = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Response payment = payments.get(round).get();
            CloseResult timeout = timeouts.get(round).get();
            String orderSn = orderSns.get(round);
            boolean paymentWon = payment.status() == 200;
            if (paymentWon) {
                paid++;
                keptQuantity += quantities.get(round);
                assertThat(timeout).as("round %d", round).isEqualTo(CloseResult.NOT_WAITING);
                assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.TRADE_SUCCESS);
            } else {
                assertThat(payment.code()).as("round %d: %s", round, payment).isEqualTo("ORDER_CLOSED");
                assertThat(timeout).as("round %d", round).isEqualTo(CloseResult.CLOSED);
                assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.TRADE_CLOSED);
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            awaitRecord(
                    orderSns.get(round),
                    statusOf(orderSns.get(round)) == OrderStatus.TRADE_SUCCESS
                            ? SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED
                            : SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        }
        awaitStock(goods, 200 - keptQuantity);
        System.out.printf("A7: payment won %d of %d races, the timeout %d%n", paid, ROUNDS, ROUNDS - paid);
        assertAuditClean(Map.of(goods, 200));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
