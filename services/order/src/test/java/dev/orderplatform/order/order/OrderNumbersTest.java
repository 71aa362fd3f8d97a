package dev.orderplatform.order.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The structure that makes order numbers unique: time, then a leased node and a sequence of fixed width. */
class OrderNumbersTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-30T10:45:01.234Z"), ZoneOffset.UTC);

    @Test
    void numberIsTimeThenNodeThenSequenceWithFixedWidths() {
        OrderNumbers numbers = new OrderNumbers(() -> 42, FIXED, OrderNumbers.SEQUENCE_LIMIT);

        assertThat(numbers.next()).isEqualTo("20261130104501234" + "0000000042" + "0000000000");
        assertThat(numbers.next()).isEqualTo("20261130104501234" + "0000000042" + "0000000001");
        assertThat(numbers.next()).hasSize(37).matches("[0-9]+");
    }

    @Test
    void twoProcessesAtTheSameInstantDifferByTheirNodes() {
        ArrayDeque<Long> leases = new ArrayDeque<>(List.of(1L, 2L));
        OrderNumbers first = new OrderNumbers(leases::removeFirst, FIXED, OrderNumbers.SEQUENCE_LIMIT);
        OrderNumbers second = new OrderNumbers(leases::removeFirst, FIXED, OrderNumbers.SEQUENCE_LIMIT);

        assertThat(first.next()).isNotEqualTo(second.next());
    }

    @Test
    void theNodeIsLeasedOnceUntilTheSequenceRunsOut() {
        AtomicLong leases = new AtomicLong();
        OrderNumbers numbers = new OrderNumbers(leases::incrementAndGet, FIXED, OrderNumbers.SEQUENCE_LIMIT);

        IntStream.range(0, 1000).forEach(i -> numbers.next());

        assertThat(leases).hasValue(1);
    }

    @Test
    void anExhaustedSequenceLeasesANewNodeInsteadOfStartingOver() {
        AtomicLong leases = new AtomicLong();
        OrderNumbers numbers = new OrderNumbers(leases::incrementAndGet, FIXED, 2);

        assertThat(List.of(numbers.next(), numbers.next(), numbers.next()))
                .extracting(n -> n.substring(17))
                .containsExactly("0000000001" + "0000000000", "0000000001" + "0000000001", "0000000002" + "0000000000");
    }

    @Test
    void aNodeOutsideItsFieldIsRefusedRatherThanRepeated() {
        for (long node : new long[] {0, OrderNumbers.NODE_LIMIT}) {
            OrderNumbers numbers = new OrderNumbers(() -> node, FIXED, OrderNumbers.SEQUENCE_LIMIT);
            assertThatThrownBy(numbers::next).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(numbers::next)
                    .as("and again, not numbering under it")
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void concurrentNumbersAreAllDistinctEvenWithAFrozenClock() throws Exception {
        OrderNumbers numbers = new OrderNumbers(() -> 7, FIXED, OrderNumbers.SEQUENCE_LIMIT);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Callable<Void> taker = () -> {
            for (int i = 0; i < 20_000; i++) {
                assertThat(seen.add(numbers.next())).isTrue();
            }
            return null;
        };
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var done : pool.invokeAll(java.util.Collections.nCopies(8, taker))) {
                done.get();
            }
        }
        assertThat(seen).hasSize(160_000);
    }
}
