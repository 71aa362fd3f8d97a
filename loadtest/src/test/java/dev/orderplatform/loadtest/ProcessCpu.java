package dev.orderplatform.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of processes from {@code /proc/<pid>/stat} (utime + stime), and within them the time of the JVM's GC and
 * JIT compiler threads from {@code /proc/<pid>/task/<tid>/stat}, whose names the JVM sets ("GC Thread#0", "G1 Conc#0",
 * "C2 CompilerThre", ...). Two {@link #sample samples} taken around a steady window give each process's CPU seconds in
 * it. A thread that exits inside the window takes its time with it from the GC and JIT shares (the process total
 * keeps it): the JVM may stop a compiler thread it no longer needs, so the JIT share is a lower bound.
 */
final class ProcessCpu {

    /** Clock ticks per second of /proc's times: USER_HZ, 100 on every Linux architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU seconds of one role (a process and its children) in a window: all threads, GC threads, JIT threads. */
    record Usage(double seconds, double gcSeconds, double jitSeconds) {}

    /** What one role had used at one instant; thread maps by tid, so that the window's difference is per thread. */
    record Sample(long ticks, Map<Long, Long> gcTicks, Map<Long, Long> jitTicks) {

        Usage minus(Sample earlier) {
            return new Usage(
                    (ticks - earlier.ticks) / TICKS_PER_SECOND,
                    threadDelta(gcTicks, earlier.gcTicks) / TICKS_PER_SECOND,
                    threadDelta(jitTicks, earlier.jitTicks) / TICKS_PER_SECOND);
        }

        private static long threadDelta(Map<Long, Long> now, Map<Long, Long> before) {
            return now.entrySet().stream()
                    .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
                    .sum();
        }
    }

    private ProcessCpu() {}

    /** A sample of every role; a process that has exited counts as nothing more. */
    static Map<String, Sample> sample(Map<String, List<ProcessHandle>> roles) {
        Map<String, Sample> samples = new LinkedHashMap<>();
        roles.forEach((role, processes) -> {
            long ticks = 0;
            Map<Long, Long> gc = new HashMap<>();
            Map<Long, Long> jit = new HashMap<>();
            for (ProcessHandle process : processes) {
                Path proc = Path.of("/proc", String.valueOf(process.pid()));
                ticks += ticks(proc.resolve("stat"));
                try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
                    for (Path task : tasks.toList()) {
                        String name = threadName(task.resolve("stat"));
                        Map<Long, Long> kind = isGc(name) ? gc : isJit(name) ? jit : null;
                        if (kind != null) {
                            kind.put(Long.parseLong(task.getFileName().toString()), ticks(task.resolve("stat")));
                        }
                    }
                } catch (IOException exited) {
                    // gone between listing and reading: nothing more to count
                }
            }
            samples.put(role, new Sample(ticks, gc, jit));
        });
        return samples;
    }

    /** The usage of every role between two samples. */
    static Map<String, Usage> between(Map<String, Sample> start, Map<String, Sample> end) {
        Map<String, Usage> usage = new LinkedHashMap<>();
        end.forEach((role, sample) -> {
            Sample before = start.get(role);
            if (before != null) {
                usage.put(role, sample.minus(before));
            }
        });
        return usage;
    }

    /** The JIT compiler threads' share of the CPU of the given roles together; NaN if they used none. */
    static double jitShare(Map<String, Usage> usage) {
        double seconds = usage.values().stream().mapToDouble(Usage::seconds).sum();
        double jit = usage.values().stream().mapToDouble(Usage::jitSeconds).sum();
        return seconds > 0 ? jit / seconds : Double.NaN;
    }

    private static boolean isGc(String thread) {
        return thread.startsWith("GC Thread")
                || thread.startsWith("G1 ")
                || thread.startsWith("ZWorker")
                || thread.startsWith("Shenandoah");
    }

    private static boolean isJit(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre");
    }

    /** utime + stime: fields 14 and 15 of stat, counted after the command name, which may hold spaces. */
    private static long ticks(Path stat) {
        String line = read(stat);
        if (line.isEmpty()) {
            return 0;
        }
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String threadName(Path stat) {
        String line = read(stat);
        return line.isEmpty() ? "" : line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException exited) {
            return "";
        }
    }
}
