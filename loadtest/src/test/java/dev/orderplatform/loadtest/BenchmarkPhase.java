package dev.orderplatform.loadtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One mode on one fresh platform within the interleaved benchmark: a steady step at a fixed rate (its latency, the CPU
 * window and the profiles), then the rate ladder, each step with its own CPU window. Users are counted by the step
 * they arrived in; completions also by the step window they completed in, which is the throughput: a platform that
 * cannot keep up completes fewer orders per second than are offered, however many it finishes after the step.
 */
final class BenchmarkPhase {

    /** Pause between steps, so that one step's stragglers mostly complete outside the next step's window. */
    static final int GAP_SECONDS = 2;

    /**
     * Pause between two passes of the ladder: the first pass ends past saturation, and its backlog (up to a few
     * thousand orders) drains before the second pass starts again from the bottom; 10 s left the first step of the
     * second pass behind in a run where the platform completed about 250 orders/s.
     */
    static final int PASS_GAP_SECONDS = 30;

    /**
     * A ladder step's CPU window starts this long into the step (at most half of it): the previous step's stragglers
     * have completed in the gap by then, and the platform's queues and pools have taken up the new rate.
     */
    static final int LADDER_CPU_SETTLE_SECONDS = 2;

    /** The criteria a step must meet to count as sustained, and those that end the ladder. */
    record Bounds(int p99Ms, int collapseMs) {}

    /** The figures of one arrival rate. */
    static final class Step {
        final double rate;
        /** Which pass of the ladder this step is in, from 1; 0 for the steady step. */
        final int pass;

        final int seconds;
        final long offsetMillis;
        /** When the CPU window starts, from the phase's start. */
        final long cpuFromMillis;

        final AtomicLong arrivals = new AtomicLong();
        final AtomicLong created = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        /** Orders created (of any step's users) whose response came inside this step's window. */
        final AtomicLong completedInWindow = new AtomicLong();
        /** This step's users that were done (created or failed) by the end of its window. */
        final AtomicLong doneInWindow = new AtomicLong();

        final List<Integer> createMillis = Collections.synchronizedList(new ArrayList<>());
        volatile boolean evaluated;
        volatile CpuWindow cpu = CpuWindow.NONE;

        Step(double rate, int pass, int seconds, long offsetMillis, long cpuSettleMillis) {
            this.rate = rate;
            this.pass = pass;
            this.seconds = seconds;
            this.offsetMillis = offsetMillis;
            this.cpuFromMillis = offsetMillis + cpuSettleMillis;
        }

        long endMillis() {
            return offsetMillis + seconds * 1000L;
        }

        double completedPerSecond() {
            return completedInWindow.get() / (double) seconds;
        }

        /** Users of this step still waiting for their order at the end of its window. */
        long backlogAtEnd() {
            return arrivals.get() - skipped.get() - doneInWindow.get();
        }

        int percentile(double p) {
            List<Integer> sorted;
            synchronized (createMillis) {
                sorted = createMillis.stream().sorted().toList();
            }
            return sorted.isEmpty() ? -1 : sorted.get((int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        }

        /**
         * Completions keep pace (at least 95% of the offered orders completed within the window), no backlog builds
         * up (less than a second's arrivals still waiting at the end), at most 1% failed, and p99 under the bound.
         */
        boolean sustained(Bounds bounds) {
            long offered = arrivals.get();
            return offered > 0
                    && skipped.get() == 0
                    && completedInWindow.get() >= 0.95 * rate * seconds
                    && backlogAtEnd() <= rate
                    && failed.get() * 100 <= offered
                    && percentile(99) >= 0
                    && percentile(99) <= bounds.p99Ms();
        }
    }

    final String mode;
    final int round;
    final List<Step> steps = new ArrayList<>();
    final AtomicLong createdTotal = new AtomicLong();
    private final Bounds bounds;
    private volatile long startMillis;
    /** The step whose collapse skips the rest of its pass (of the whole phase if it is the steady step). */
    private volatile Step collapsedAt;

    volatile PlatformUnderTest platform;
    volatile Catalogue catalogue;
    volatile String machineAtStart;
    volatile WarmUp.Result warmUp;
    /** Each platform process's CPU with no traffic, over {@code idleSeconds} right after the warm-up. */
    volatile Map<String, ProcessCpu.Usage> idleCpu = Map.of();

    volatile double idleSeconds;
    /** The order producer's broker requests per created order in the steady window, by kind. */
    volatile Map<String, Double> brokerRequestsPerOrder = Map.of();

    volatile List<Path> flameGraphs = List.of();
    volatile AuditResult audit;

    BenchmarkPhase(
            String mode,
            int round,
            double steadyRate,
            int steadySeconds,
            List<Double> rates,
            int stepSeconds,
            int passes,
            Bounds bounds) {
        this.mode = mode;
        this.round = round;
        this.bounds = bounds;
        long offset = 0;
        // The steady step's CPU from a quarter on: the JIT and the pools settle after the warm-up's pattern.
        steps.add(new Step(steadyRate, 0, steadySeconds, offset, steadySeconds * 250L));
        offset += (steadySeconds + GAP_SECONDS) * 1000L;
        // Each rate is tried once per pass: a rate missed because of a disturbance of a few seconds (a compilation
        // burst, a flush) gets a second try a whole pass later, and the highest rate sustained is the machine's, not
        // the disturbance's.
        for (int pass = 1; pass <= passes; pass++) {
            if (pass > 1) {
                offset += PASS_GAP_SECONDS * 1000L;
            }
            for (double rate : rates) {
                steps.add(new Step(rate, pass, stepSeconds, offset, ladderCpuSettleMillis(stepSeconds)));
                offset += (stepSeconds + GAP_SECONDS) * 1000L;
            }
        }
    }

    /** How far into a ladder step its CPU window starts: {@link #LADDER_CPU_SETTLE_SECONDS}, at most half the step. */
    static long ladderCpuSettleMillis(int stepSeconds) {
        return Math.min(LADDER_CPU_SETTLE_SECONDS * 1000L, stepSeconds * 500L);
    }

    String label() {
        return "R" + round + " " + mode;
    }

    /** The label as one word, for names of directories, files, users and goods. */
    String slug() {
        return "R" + round + "-" + PlatformMode.parse(mode).slug();
    }

    /** The load generator's warm-up phase (round 0): run like any other, left out of the figures. */
    boolean discarded() {
        return round == 0;
    }

    Step steady() {
        return steps.getFirst();
    }

    /** The steps after the steady one. */
    List<Step> ladder() {
        return steps.subList(1, steps.size());
    }

    /** The ladder's step at {@code rate}, if it has one: its first sustained try, else its first. */
    Optional<Step> ladderStep(double rate) {
        List<Step> tries = ladder().stream().filter(step -> step.rate == rate).toList();
        return tries.stream()
                .filter(step -> step.sustained(bounds))
                .findFirst()
                .or(() -> tries.stream().findFirst());
    }

    /** How long after the end of step {@code index} the next one starts (the last: {@link #GAP_SECONDS}). */
    long pauseAfterMillis(int index) {
        return index + 1 < steps.size()
                ? steps.get(index + 1).offsetMillis - steps.get(index).endMillis()
                : GAP_SECONDS * 1000L;
    }

    /** Marks the phase's start at its first user; true for that first call only. */
    boolean start(long now) {
        synchronized (this) {
            if (startMillis != 0) {
                return false;
            }
            startMillis = now;
            return true;
        }
    }

    /** The step a user arriving now belongs to; steps before it are evaluated, and a collapse skips the rest. */
    int arrive(long now) {
        int index = stepIndex(now);
        for (int i = 0; i < index; i++) {
            evaluate(i);
        }
        Step step = steps.get(index);
        step.arrivals.incrementAndGet();
        if (skips(step)) {
            step.skipped.incrementAndGet();
        }
        return index;
    }

    /** Whether {@code step}'s users are skipped: an earlier step of its pass, or the steady step, collapsed. */
    boolean skips(Step step) {
        Step collapse = collapsedAt;
        return collapse != null && (collapse.pass == 0 || collapse.pass == step.pass);
    }

    void completed(int index, boolean created, Integer createMillis, long now) {
        Step step = steps.get(index);
        long offset = now - startMillis;
        if (offset < step.endMillis()) {
            step.doneInWindow.incrementAndGet();
        }
        if (!created) {
            step.failed.incrementAndGet();
            return;
        }
        step.created.incrementAndGet();
        step.createMillis.add(createMillis);
        createdTotal.incrementAndGet();
        for (Step window : steps) {
            if (offset >= window.offsetMillis && offset < window.endMillis()) {
                window.completedInWindow.incrementAndGet();
            }
        }
    }

    /**
     * The highest ladder rate sustained (see {@link Step#sustained}), or null if none was: not the steady step's, which
     * a phase that kept up with no rate of the ladder would report as its headline.
     */
    Double highestSustained() {
        return ladder().stream()
                .filter(step -> step.sustained(bounds))
                .map(step -> step.rate)
                .max(Double::compare)
                .orElse(null);
    }

    /** The most orders completed per second in any step window. */
    double peakCompletedPerSecond() {
        return steps.stream().mapToDouble(Step::completedPerSecond).max().orElse(0);
    }

    Bounds bounds() {
        return bounds;
    }

    private int stepIndex(long now) {
        long offset = Math.max(0, now - startMillis);
        int index = 0;
        while (index + 1 < steps.size() && offset >= steps.get(index + 1).offsetMillis) {
            index++;
        }
        return index;
    }

    private synchronized void evaluate(int index) {
        Step step = steps.get(index);
        if (step.evaluated) {
            return;
        }
        step.evaluated = true;
        long attempted = step.created.get() + step.failed.get();
        System.out.printf(
                Locale.ROOT,
                "[benchmark] %s: %.0f/s offered -> %.1f/s completed in the step, p50 %d ms, "
                        + "p99 %d ms, %d failed, backlog at the end %d%s%n",
                label(),
                step.rate,
                step.completedPerSecond(),
                step.percentile(50),
                step.percentile(99),
                step.failed.get(),
                step.backlogAtEnd(),
                step.skipped.get() > 0 ? ", skipped " + step.skipped.get() : "");
        boolean collapse = step.percentile(99) > bounds.collapseMs()
                || step.failed.get() * 5 > attempted
                || step.completedInWindow.get() < 0.5 * step.rate * step.seconds;
        // A step none of whose users got an answer yet is the worst case, not "no data".
        if (!skips(step) && step.arrivals.get() > 0 && collapse) {
            collapsedAt = step;
            System.out.println("[benchmark] " + label() + " collapsed at " + step.rate + "/s: skipping the higher "
                    + (step.pass == 0 ? "rates" : "rates of pass " + step.pass));
        }
    }

    /** Evaluates the steps not yet printed (the last ones), once the phase's users are all done. */
    void finish() {
        for (int i = 0; i < steps.size(); i++) {
            evaluate(i);
        }
    }
}
