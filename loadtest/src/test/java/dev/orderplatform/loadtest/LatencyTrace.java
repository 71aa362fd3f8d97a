package dev.orderplatform.loadtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Create-order latencies by the second of traffic their order arrived in: what the start-up benchmark reads its
 * figures from. A p50 over too few orders is noise: at 5 orders/s a one-second p50 is the median of 5 values, and in a
 * warm start's last 20 s of traffic (2026-12-05) they ranged from 17 to 33 ms. Settling is judged on windows of
 * several seconds.
 *
 * @param seconds how long the traffic ran
 * @param samples every completed order: arrival second (0 to seconds - 1) and latency
 */
record LatencyTrace(int seconds, List<Sample> samples) {

    record Sample(int second, double millis) {}

    LatencyTrace {
        samples = List.copyOf(samples);
    }

    /** The p50 of the orders that arrived in [{@code fromSecond}, {@code toSecond}); NaN if none did. */
    double p50(int fromSecond, int toSecond) {
        return median(samples.stream()
                .filter(sample -> sample.second() >= fromSecond && sample.second() < toSecond)
                .map(Sample::millis)
                .toList());
    }

    /** The p50 of every order. */
    double p50() {
        return p50(0, seconds);
    }

    /** The p50 of each one-second window, for the record. */
    List<Double> p50PerSecond() {
        List<Double> p50s = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            p50s.add(p50(second, second + 1));
        }
        return p50s;
    }

    /**
     * How long the traffic had run when the p50 of its last {@code windowSeconds} came within {@code boundMillis} to
     * stay: the end of the first window from which every window (sliding by a second, to the trace's end) has its p50
     * at most {@code boundMillis}; empty if not even the last window has. The end, not the start: a window's p50 is
     * within as soon as over half of its orders are, so its start would credit the traffic with up to half a window it
     * was still slow in. A window without a completed order is not within.
     */
    OptionalInt secondsToWithin(double boundMillis, int windowSeconds) {
        if (windowSeconds < 1 || windowSeconds > seconds) {
            throw new IllegalArgumentException(
                    "a window of " + windowSeconds + " s does not fit " + seconds + " s of traffic");
        }
        OptionalInt within = OptionalInt.empty();
        for (int start = seconds - windowSeconds; start >= 0; start--) {
            // NaN <= bound is false: an empty window ends the search.
            if (!(p50(start, start + windowSeconds) <= boundMillis)) {
                break;
            }
            within = OptionalInt.of(start + windowSeconds);
        }
        return within;
    }

    /** The median; NaN for no values. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
