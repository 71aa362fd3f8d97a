package dev.orderplatform.order.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.contracts.goods.v1.Goods;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A short-lived copy of the catalogue, against an in-memory catalogue and a clock the test moves. */
class RecentCatalogueTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    /** The goods service: what BatchGetGoods would answer. */
    private final Map<Long, Goods> goodsService = new HashMap<>();
    /** The ids of each BatchGetGoods call made. */
    private final List<Set<Long>> calls = new ArrayList<>();

    private boolean unavailable;
    private final AtomicLong nanos = new AtomicLong();
    private final RecentCatalogue catalogue = new RecentCatalogue(this::batchGet, TTL, nanos::get);

    private Map<Long, Goods> batchGet(Collection<Long> ids) {
        calls.add(Set.copyOf(ids));
        if (unavailable) {
            throw Status.UNAVAILABLE.asRuntimeException();
        }
        Map<Long, Goods> found = new HashMap<>();
        ids.stream().filter(goodsService::containsKey).forEach(id -> found.put(id, goodsService.get(id)));
        return found;
    }

    private Goods sell(long id, String price) {
        Goods goods = Goods.newBuilder()
                .setId(id)
                .setName("goods " + id)
                .setPrice(price)
                .setOnSale(true)
                .build();
        goodsService.put(id, goods);
        return goods;
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void goodsReadOnceAreAnsweredFromMemoryUntilTheTtlPasses() {
        Goods pen = sell(1, "1.00");
        assertThat(catalogue.get(List.of(1L))).containsExactly(Map.entry(1L, pen));

        Goods dearer = sell(1, "2.00");
        advance(TTL.minusMillis(1));
        assertThat(catalogue.get(List.of(1L))).containsExactly(Map.entry(1L, pen));
        assertThat(calls).containsExactly(Set.of(1L));

        advance(Duration.ofMillis(2));
        assertThat(catalogue.get(List.of(1L))).containsExactly(Map.entry(1L, dearer));
        assertThat(calls).containsExactly(Set.of(1L), Set.of(1L));
    }

    @Test
    void onlyTheGoodsNotKeptAreReadInOneBatch() {
        Goods pen = sell(1, "1.00");
        Goods ink = sell(2, "2.00");
        Goods pad = sell(3, "3.00");
        catalogue.get(List.of(1L));

        assertThat(catalogue.get(List.of(1L, 2L, 3L)))
                .containsOnly(Map.entry(1L, pen), Map.entry(2L, ink), Map.entry(3L, pad));
        assertThat(calls).containsExactly(Set.of(1L), Set.of(2L, 3L));
    }

    @Test
    void goodsTheCatalogueDoesNotHaveAreNotKept() {
        Goods pen = sell(1, "1.00");
        assertThat(catalogue.get(List.of(1L, 7L))).containsOnly(Map.entry(1L, pen));

        Goods created = sell(7, "7.00");
        assertThat(catalogue.get(List.of(1L, 7L))).containsOnly(Map.entry(1L, pen), Map.entry(7L, created));
        assertThat(calls).containsExactly(Set.of(1L, 7L), Set.of(7L));
    }

    @Test
    void aFailedReadKeepsNothingAndTheNextOneAsksAgain() {
        Goods pen = sell(1, "1.00");
        unavailable = true;
        assertThatThrownBy(() -> catalogue.get(List.of(1L))).isInstanceOf(StatusRuntimeException.class);

        unavailable = false;
        assertThat(catalogue.get(List.of(1L))).containsExactly(Map.entry(1L, pen));
        assertThat(calls).containsExactly(Set.of(1L), Set.of(1L));
    }

    @Test
    void aTtlOfZeroReadsTheCatalogueEveryTime() {
        RecentCatalogue uncached = new RecentCatalogue(this::batchGet, Duration.ZERO, nanos::get);
        sell(1, "1.00");
        uncached.get(List.of(1L));
        Goods dearer = sell(1, "2.00");

        assertThat(uncached.get(List.of(1L))).containsExactly(Map.entry(1L, dearer));
        assertThat(calls).containsExactly(Set.of(1L), Set.of(1L));
    }
}
