package dev.orderplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.PrimitiveIterator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The random port plan: free ports, each used once, none the broker's own two. */
class PortPlanTest {

    @Test
    void aPortDrawnTwiceIsUsedOnce() {
        // The OS may report the same free port twice in a row; 9874 is the broker's fast remoting port.
        PrimitiveIterator.OfInt draws = IntStream.of(
                        40000, 40000, 40001, 9874, 40002, 40001, 40003, 40004, 40005, 40006, 40006, 40007)
                .iterator();

        LocalPlatform.PortPlan plan = LocalPlatform.PortPlan.random(9876, draws::nextInt);

        List<Integer> ports = List.of(
                plan.mariadb(),
                plan.nameServer(),
                plan.broker(),
                plan.goodsHttp(),
                plan.goodsGrpc(),
                plan.inventoryHttp(),
                plan.inventoryGrpc(),
                plan.orderHttp(),
                plan.orderGrpc());
        assertThat(ports).doesNotHaveDuplicates().doesNotContain(9874).contains(9876);
        assertThat(ports).containsExactly(40000, 40001, 9876, 40002, 40003, 40004, 40005, 40006, 40007);
    }
}
