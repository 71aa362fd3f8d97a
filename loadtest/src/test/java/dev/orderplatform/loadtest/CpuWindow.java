package dev.orderplatform.loadtest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The CPU seconds of every process over a window inside a step, and the orders created in it (counted when their
 * response arrives, whichever step their user arrived in). The steady step and each ladder step are measured the same
 * way, so that their CPU per order compares.
 */
record CpuWindow(Map<String, ProcessCpu.Usage> usage, long orders, double seconds) {

    /** The benchmark's own JVM: measured, but not part of the platform. */
    static final String LOAD_GENERATOR = "load generator";

    /** No window measured (not yet, a skipped step, a failed sample). */
    static final CpuWindow NONE = new CpuWindow(Map.of(), 0, 0);

    static CpuWindow between(
            Map<String, ProcessCpu.Sample> start, Map<String, ProcessCpu.Sample> end, long orders, double seconds) {
        return new CpuWindow(ProcessCpu.between(start, end), orders, seconds);
    }

    /** The platform's CPU milliseconds per order (every process but the load generator); NaN without orders. */
    double platformMillisPerOrder() {
        return perOrder(platformSeconds(usage, ProcessCpu.Usage::seconds));
    }

    /** The part of {@link #platformMillisPerOrder} that the JVMs' JIT compiler threads used. */
    double platformJitMillisPerOrder() {
        return perOrder(platformSeconds(usage, ProcessCpu.Usage::jitSeconds));
    }

    /** Each process's CPU milliseconds per order, in all and in its GC and JIT threads. */
    Map<String, Map<String, Double>> millisPerOrderByProcess() {
        Map<String, Map<String, Double>> byProcess = new LinkedHashMap<>();
        if (orders > 0) {
            usage.forEach((role, used) -> byProcess.put(
                    role,
                    Map.of(
                            "total", perOrder(used.seconds()),
                            "gc", perOrder(used.gcSeconds()),
                            "jit", perOrder(used.jitSeconds()))));
        }
        return byProcess;
    }

    private double perOrder(double cpuSeconds) {
        return orders == 0 ? Double.NaN : cpuSeconds * 1000 / orders;
    }

    /** The CPU seconds of the platform's processes together, of the kind {@code seconds} takes from each. */
    static double platformSeconds(Map<String, ProcessCpu.Usage> usage, ToDoubleFunction<ProcessCpu.Usage> seconds) {
        return usage.entrySet().stream()
                .filter(e -> !e.getKey().equals(LOAD_GENERATOR))
                .mapToDouble(e -> seconds.applyAsDouble(e.getValue()))
                .sum();
    }

    /** A window opened on running processes; {@link #end} samples them again and closes it. */
    record Start(Map<String, List<ProcessHandle>> roles, Map<String, ProcessCpu.Sample> cpu, long orders, long nanos) {

        /** {@code ordersSoFar}: the phase's running count of created orders. */
        static Start now(Map<String, List<ProcessHandle>> roles, long ordersSoFar) {
            return new Start(roles, ProcessCpu.sample(roles), ordersSoFar, System.nanoTime());
        }

        CpuWindow end(long ordersSoFar) {
            Map<String, ProcessCpu.Sample> cpuAtEnd = ProcessCpu.sample(roles);
            return between(cpu, cpuAtEnd, ordersSoFar - orders, (System.nanoTime() - nanos) / 1e9);
        }
    }
}
