package dev.orderplatform.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine the benchmark runs on: what it is, how loaded it is, and waiting until it is quiet. */
final class Machine {

    private Machine() {}

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(cpu);
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + (((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getTotalMemorySize()
                        >> 30)
                + " GiB, Java " + Runtime.version();
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Waits until the machine is quiet, or maxSeconds: the CPUs at least 90% idle over 2 s (what runs now) and the
     * 1-minute load average under maxLoad (what ran lately). Returns a line saying what was reached.
     */
    static String awaitQuiet(double maxLoad, int maxSeconds) {
        long started = System.nanoTime();
        long deadline = started + maxSeconds * 1_000_000_000L;
        double busy;
        do {
            long[] before = cpuTicks();
            sleep(2000);
            long[] after = cpuTicks();
            busy = 1.0 - (double) (after[1] - before[1]) / Math.max(1, after[0] - before[0]);
        } while ((busy > 0.10 || loadAverage() >= maxLoad) && System.nanoTime() < deadline);
        return String.format(
                Locale.ROOT,
                "load average %.2f, CPUs %.0f%% busy after %.0f s of waiting",
                loadAverage(),
                busy * 100,
                (System.nanoTime() - started) / 1e9);
    }

    /** {total, idle + iowait} jiffies of all CPUs from the first line of /proc/stat. */
    private static long[] cpuTicks() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException e) {
            return new long[] {1, 1};
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
