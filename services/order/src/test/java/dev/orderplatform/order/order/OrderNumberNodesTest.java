package dev.orderplatform.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.order.OrderServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Order numbers of several processes sharing the real order database (node numbers leased from it). */
class OrderNumberNodesTest extends OrderServiceTest {

    @Autowired
    OrderNumbers applicationNumbers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void processesLeaseDistinctNodesAndNeverShareANumber() throws Exception {
        List<OrderNumbers> processes = List.of(
                applicationNumbers,
                new OrderNumbers(jdbc, transactionManager),
                new OrderNumbers(jdbc, transactionManager));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> takers = new ArrayList<>();
        for (OrderNumbers process : processes) {
            for (int thread = 0; thread < 2; thread++) {
                takers.add(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        assertThat(seen.add(process.next())).isTrue();
                    }
                    return null;
                });
            }
        }
        try (var pool = Executors.newFixedThreadPool(takers.size())) {
            for (var done : pool.invokeAll(takers)) {
                done.get();
            }
        }

        assertThat(seen)
                .hasSize(30_000)
                .allSatisfy(orderSn -> assertThat(orderSn).hasSize(37));
        assertThat(seen.stream().map(orderSn -> orderSn.substring(17, 27)).distinct())
                .hasSize(3);
    }
}
