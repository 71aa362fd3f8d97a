package dev.orderplatform.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ladder's passes: a second try of every rate, and a collapse that ends only its own pass. */
class BenchmarkPhaseTest {

    private static final BenchmarkPhase.Bounds BOUNDS = new BenchmarkPhase.Bounds(200, 5000);

    /** Steady 50/s for 20 s, then 100 and 200 orders/s, 8 s each, in two passes. */
    private final BenchmarkPhase phase = new BenchmarkPhase("reliable", 1, 50, 20, List.of(100.0, 200.0), 8, 2, BOUNDS);

    @Test
    void eachRateIsTriedOncePerPassAndThePassesArePausedApart() {
        assertThat(phase.ladder()).extracting(step -> step.rate).containsExactly(100.0, 200.0, 100.0, 200.0);
        assertThat(phase.ladder()).extracting(step -> step.pass).containsExactly(1, 1, 2, 2);
        assertThat(phase.pauseAfterMillis(1)).isEqualTo(BenchmarkPhase.GAP_SECONDS * 1000L);
        assertThat(phase.pauseAfterMillis(2))
                .as("after the first pass")
                .isEqualTo((BenchmarkPhase.GAP_SECONDS + BenchmarkPhase.PASS_GAP_SECONDS) * 1000L);
        assertThat(phase.pauseAfterMillis(4)).isEqualTo(BenchmarkPhase.GAP_SECONDS * 1000L);
    }

    @Test
    void aRateMissedInOnePassAndSustainedInTheOtherIsSustained() {
        BenchmarkPhase.Step firstTry = phase.ladder().get(1);
        BenchmarkPhase.Step secondTry = phase.ladder().get(3);
        complete(firstTry, 900); // p99 over the bound
        complete(secondTry, 20);

        assertThat(firstTry.sustained(BOUNDS)).isFalse();
        assertThat(phase.highestSustained()).isEqualTo(200.0);
        assertThat(phase.ladderStep(200)).containsSame(secondTry);
    }

    @Test
    void aPhaseThatSustainedNoLadderRateHasNoHighestSustainedRate() {
        complete(phase.steady(), 20);
        complete(phase.ladder().get(0), 900);

        assertThat(phase.steady().sustained(BOUNDS)).isTrue();
        assertThat(phase.highestSustained()).isNull();
    }

    @Test
    void aCollapseSkipsTheRestOfItsPassOnly() {
        phase.start(0);
        BenchmarkPhase.Step collapsing = phase.ladder().get(0);
        collapsing.arrivals.set(800);
        collapsing.createMillis.add(6000); // p99 over the collapse bound

        // The first user of the next step has the collapsing step evaluated.
        phase.arrive(phase.ladder().get(1).offsetMillis);

        assertThat(phase.skips(phase.ladder().get(1))).isTrue();
        assertThat(phase.skips(phase.ladder().get(2))).as("the second pass").isFalse();
        assertThat(phase.skips(phase.ladder().get(3))).isFalse();
    }

    /** Every one of the step's offered orders created within its window, each taking {@code millis}. */
    private static void complete(BenchmarkPhase.Step step, int millis) {
        long orders = Math.round(step.rate * step.seconds);
        step.arrivals.set(orders);
        step.created.set(orders);
        step.completedInWindow.set(orders);
        step.doneInWindow.set(orders);
        step.createMillis.add(millis);
    }
}
