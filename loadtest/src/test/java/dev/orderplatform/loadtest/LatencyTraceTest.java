package dev.orderplatform.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** When the start-up benchmark counts the traffic after a start as at steady latency. */
class LatencyTraceTest {

    /** Five orders a second for {@code seconds}, the orders of second s taking latencies.apply(s) ms each. */
    private static LatencyTrace trace(int seconds, IntFunction<double[]> latencies) {
        List<LatencyTrace.Sample> samples = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            for (double millis : latencies.apply(second)) {
                samples.add(new LatencyTrace.Sample(second, millis));
            }
        }
        return new LatencyTrace(seconds, samples);
    }

    @Test
    void latencyFallingToTheBoundIsWithinFromTheFirstWindowThatStaysUnderIt() {
        // 100 ms in the first 8 s, then 20 ms.
        LatencyTrace trace = trace(30, s -> s < 8 ? new double[] {100, 100, 100, 100, 100} : new double[] {20, 20, 20});

        assertThat(trace.secondsToWithin(25, 5))
                .as("seconds 6-10 hold 10 orders of 100 ms and 9 of 20; 7-11, ending at 12, is the first under 25")
                .hasValue(12);
        assertThat(trace.secondsToWithin(25, 1)).hasValue(9);
    }

    @Test
    void aSingleSlowSecondInTheSteadyStateDoesNotRestartTheCountOnLongWindows() {
        // Settled at 20 ms from 5 s on, except for one second of 5 orders at 40 ms late in the trace.
        LatencyTrace trace = trace(
                40,
                s -> s < 5
                        ? new double[] {200, 200, 200, 200, 200}
                        : s == 33 ? new double[] {40, 40, 40, 40, 40} : new double[] {18, 19, 20, 21, 22});

        assertThat(trace.secondsToWithin(25, 1))
                .as("a one-second window sees the slow second")
                .hasValue(35);
        assertThat(trace.secondsToWithin(25, 5))
                .as("seconds 3-7 hold 10 slow orders and 15 settled ones: the first window within ends at 8")
                .hasValue(8);
    }

    @Test
    void aTraceThatNeverComesWithinTheBoundHasNoSuchTime() {
        LatencyTrace trace = trace(20, s -> new double[] {60, 50, 40});

        assertThat(trace.secondsToWithin(25, 5)).isEmpty();
    }

    @Test
    void aWindowWithoutACompletedOrderIsNotWithinTheBound() {
        // Fast orders, but none completed in second 15: the windows containing it are not within.
        LatencyTrace trace = trace(20, s -> s == 15 ? new double[0] : new double[] {10, 10});

        assertThat(trace.secondsToWithin(25, 1)).hasValue(17);
        assertThat(trace.p50(15, 16)).isNaN();
        assertThat(trace.p50(14, 17)).isEqualTo(10);
    }

    @Test
    void percentilesCountTheOrdersOfTheirSecondsOnly() {
        LatencyTrace trace = trace(4, s -> new double[] {s * 10 + 1, s * 10 + 2, s * 10 + 3});

        assertThat(trace.p50(1, 3)).as("11, 12, 13, 21, 22, 23").isEqualTo(17);
        assertThat(trace.p50()).isEqualTo(17);
        assertThat(trace.p50PerSecond()).containsExactly(2.0, 12.0, 22.0, 32.0);
    }

    @Test
    void aWindowLongerThanTheTraceIsRefused() {
        LatencyTrace trace = trace(4, s -> new double[] {1});

        assertThatThrownBy(() -> trace.secondsToWithin(25, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
