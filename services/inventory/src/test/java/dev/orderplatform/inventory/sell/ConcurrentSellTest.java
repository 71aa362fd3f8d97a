package dev.orderplatform.inventory.sell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.contracts.inventory.v1.GoodsQuantity;
import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc;
import dev.orderplatform.contracts.inventory.v1.SellOutcome;
import dev.orderplatform.contracts.inventory.v1.SellRequest;
import dev.orderplatform.contracts.inventory.v1.SellResponse;
import dev.orderplatform.inventory.InventoryServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A10: one hot goods, many concurrent orders; exactly the stock is sold and it never goes below zero. */
class ConcurrentSellTest extends InventoryServiceTest {

    static final int THREADS = 32;
    static final int STOCK = 100;

    @Test
    void thirtyTwoConcurrentSellersSellExactlyTheStock() throws Exception {
        long hot = goodsWithStock(STOCK);
        ConcurrentLinkedQueue<String> deductedOrders = new ConcurrentLinkedQueue<>();
        AtomicInteger unitsAnsweredDeducted = new AtomicInteger();
        AtomicBoolean selling = new AtomicBoolean(true);
        List<Integer> observedStock = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            // Watches the stock while the sellers run.
            Future<?> watcher = pool.submit(() -> {
                while (selling.get()) {
                    observedStock.add(stockOf(hot));
                }
                return null;
            });
            List<Future<?>> sellers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                sellers.add(pool.submit(() -> {
                    InventoryServiceGrpc.InventoryServiceBlockingStub stub =
                            asOrderService(InventoryServiceGrpc.newBlockingStub(channel()));
                    start.await();
                    // Each seller buys 1..3 units per order until even a single unit is refused.
                    int quantity = thread % 3 + 1;
                    while (true) {
                        String orderSn = freshOrderSn();
                        SellResponse answer = stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                                .sell(SellRequest.newBuilder()
                                        .setOrderSn(orderSn)
                                        .addItems(GoodsQuantity.newBuilder()
                                                .setGoodsId(hot)
                                                .setQuantity(quantity))
                                        .build());
                        if (answer.getOutcome() == SellOutcome.SELL_OUTCOME_DEDUCTED) {
                            deductedOrders.add(orderSn);
                            unitsAnsweredDeducted.addAndGet(quantity);
                        } else {
                            assertThat(answer.getOutcome()).isEqualTo(SellOutcome.SELL_OUTCOME_INSUFFICIENT_STOCK);
                            assertThat(answer.getShortGoodsIdsList()).containsExactly(hot);
                            assertThat(recordStatus(orderSn))
                                    .as("a refused Sell leaves no record")
                                    .isNull();
                            if (quantity == 1) {
                                return null;
                            }
                            quantity = 1;
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> seller : sellers) {
                seller.get(60, TimeUnit.SECONDS);
            }
            selling.set(false);
            watcher.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(unitsAnsweredDeducted.get()).isEqualTo(STOCK);
        assertThat(stockOf(hot)).isZero();
        assertThat(observedStock)
                .isNotEmpty()
                .allSatisfy(stock -> assertThat(stock).isBetween(0, STOCK));
        Integer recorded = jdbc.queryForObject(
                "SELECT SUM(i.quantity) FROM sell_record r "
                        + "JOIN sell_record_item i ON i.order_sn = r.order_sn WHERE i.goods_id = ? AND r.status = 'DEDUCTED'",
                Integer.class,
                hot);
        assertThat(recorded).isEqualTo(STOCK);
        Integer records =
                jdbc.queryForObject("SELECT COUNT(*) FROM sell_record_item WHERE goods_id = ?", Integer.class, hot);
        assertThat(records).isEqualTo(deductedOrders.size());
    }
}
