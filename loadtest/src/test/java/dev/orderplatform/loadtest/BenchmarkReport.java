package dev.orderplatform.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;

/**
 * The benchmark's settings and its results: {@code benchmark.json} (every figure) and {@code BENCHMARK.md} (the
 * tables: per phase, CPU per order per process, and ratios pair by pair, so that drift of the machine between rounds
 * cancels out). The CPU per order is given at the steady rate and at every ladder step; the phases compare at the
 * highest ladder rate they all sustained ({@link #highestRateSustainedByAll}), where the machine is busy but keeps up.
 */
final class BenchmarkReport {

    /** What {@code -D} options the benchmark takes, with their defaults. */
    record Config(
            List<String> modes,
            int rounds,
            double steadyRate,
            int steadySeconds,
            List<Double> rates,
            int stepSeconds,
            int passes,
            int p99BoundMs,
            int collapseMs,
            WarmUp.Rule warmUp,
            int idleSeconds,
            double settleLoad,
            int settleMaxSeconds,
            boolean profile,
            String referenceMode,
            boolean loadGeneratorWarmUp) {

        /**
         * The phases of the run in order: each round runs every mode once. With {@code loadGeneratorWarmUp} a phase
         * R0 of the first mode comes first and is left out of the figures: the load generator (this JVM) has not run
         * Gatling's injection before, and compiled its code through round 1's first phase (its JIT threads 1.9-2.8
         * ms per order in that steady step, 0.0-0.3 in round 2; loadtest/results/README.md, part 15).
         */
        List<BenchmarkPhase> phases() {
            List<BenchmarkPhase> phases = new ArrayList<>();
            for (int round = loadGeneratorWarmUp ? 0 : 1; round <= rounds; round++) {
                for (String mode : round == 0 ? modes.subList(0, 1) : modes) {
                    phases.add(new BenchmarkPhase(
                            mode,
                            round,
                            steadyRate,
                            steadySeconds,
                            rates,
                            stepSeconds,
                            passes,
                            new BenchmarkPhase.Bounds(p99BoundMs, collapseMs)));
                }
            }
            return phases;
        }

        static Config fromSystemProperties() {
            List<String> modes =
                    List.of(LoadSettings.text("modes", "reliable,baseline").split("\\s*,\\s*"));
            return new Config(
                    modes,
                    (int) LoadSettings.number("rounds", 2),
                    LoadSettings.number("steadyRate", 50),
                    (int) LoadSettings.number("steadySeconds", 20),
                    LoadSettings.numbers("rates", "200,250,300,325,350,375,400,425,450,475,500,525,550"),
                    (int) LoadSettings.number("stepSeconds", 8),
                    (int) LoadSettings.number("passes", 2),
                    (int) LoadSettings.number("p99BoundMs", 200),
                    (int) LoadSettings.number("collapseMs", 5000),
                    WarmUp.Rule.fromSystemProperties(),
                    (int) LoadSettings.number("idleSeconds", 10),
                    LoadSettings.number("settleLoad", 1.5),
                    (int) LoadSettings.number("settleMaxSeconds", 30),
                    Boolean.parseBoolean(LoadSettings.text("profile", "true")),
                    LoadSettings.text("referenceMode", "baseline"),
                    Boolean.parseBoolean(LoadSettings.text("loadGeneratorWarmUp", "true")));
        }
    }

    private BenchmarkReport() {}

    static void write(Path dir, String runId, Instant startedAt, Config config, List<BenchmarkPhase> phases) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve("benchmark.json");
            Files.writeString(
                    json,
                    PlatformApi.JSON
                            .rebuild()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .build()
                            .writeValueAsString(raw(runId, startedAt, config, phases)));
            Path table = dir.resolve("BENCHMARK.md");
            Files.writeString(table, markdown(runId, startedAt, config, phases));
            System.out.println("[benchmark] figures: " + json + "; tables: " + table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> raw(
            String runId, Instant startedAt, Config config, List<BenchmarkPhase> phases) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("run", runId);
        raw.put("startedAt", startedAt.toString());
        raw.put("machine", Machine.describe());
        raw.put("config", config);
        Double commonRate = highestRateSustainedByAll(phases);
        raw.put("highestRateSustainedByAllPhases", commonRate);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BenchmarkPhase phase : phases) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("phase", phase.label());
            row.put("mode", phase.mode);
            row.put("round", phase.round);
            row.put("machineAtStart", phase.machineAtStart);
            row.put("warmUp", warmUp(phase.warmUp));
            row.put("highestSustainedPerSecond", phase.highestSustained());
            row.put("peakCompletedPerSecond", phase.peakCompletedPerSecond());
            List<Map<String, Object>> steps = new ArrayList<>();
            for (BenchmarkPhase.Step step : phase.steps) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("offeredPerSecond", step.rate);
                s.put("pass", step.pass);
                s.put("seconds", step.seconds);
                s.put("completedPerSecond", step.completedPerSecond());
                s.put("arrivals", step.arrivals.get());
                s.put("created", step.created.get());
                s.put("failed", step.failed.get());
                s.put("skipped", step.skipped.get());
                s.put("backlogAtEnd", step.backlogAtEnd());
                s.put("p50Ms", step.percentile(50));
                s.put("p99Ms", step.percentile(99));
                s.put("sustained", step.sustained(phase.bounds()));
                s.put("cpuWindow", cpuWindow(step.cpu));
                steps.add(s);
            }
            row.put("steps", steps);
            CpuWindow steady = phase.steady().cpu;
            row.put("cpuWindowSeconds", steady.seconds());
            row.put("cpuWindowOrders", steady.orders());
            row.put("cpuSeconds", steady.usage());
            row.put("platformCpuMillisPerOrder", finite(platformCpuMillisPerOrder(phase)));
            row.put(
                    "platformCpuMillisPerOrderAtHighestRateSustainedByAll",
                    finite(platformCpuMillisPerOrderAt(phase, commonRate)));
            row.put("idleWindowSeconds", phase.idleSeconds);
            row.put("idleCpuSeconds", phase.idleCpu);
            row.put("platformIdleCpuMillisPerSecond", finite(platformIdleMillisPerSecond(phase)));
            row.put("marginalCpuMillisPerOrder", finite(marginalCpuMillisPerOrder(phase)));
            row.put("brokerRequestsPerOrder", phase.brokerRequestsPerOrder);
            row.put(
                    "flameGraphs",
                    phase.flameGraphs.stream()
                            .map(p -> p.getFileName().toString())
                            .toList());
            row.put("audit", phase.audit == null ? "not run" : phase.audit.summary());
            rows.add(row);
        }
        raw.put("phases", rows);
        return raw;
    }

    /** A step's CPU window: the orders created in it, and each process's CPU ms per order (all, GC and JIT threads). */
    private static Map<String, Object> cpuWindow(CpuWindow window) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seconds", window.seconds());
        figures.put("orders", window.orders());
        figures.put("platformCpuMillisPerOrder", finite(window.platformMillisPerOrder()));
        figures.put("platformJitMillisPerOrder", finite(window.platformJitMillisPerOrder()));
        figures.put("cpuMillisPerOrder", window.millisPerOrderByProcess());
        return figures;
    }

    private static Map<String, Object> warmUp(WarmUp.Result result) {
        if (result == null) {
            return Map.of();
        }
        Map<String, Object> warmUp = new LinkedHashMap<>();
        warmUp.put("ordersPaid", result.tally().paid());
        warmUp.put("failed", result.tally().failed());
        warmUp.put("users", result.tally().users());
        warmUp.put("seconds", result.tally().seconds());
        warmUp.put("jitSettled", result.ending().settled());
        warmUp.put("lastWindowJitShare", finite(result.ending().jitShare()));
        return warmUp;
    }

    /** JSON has no NaN. */
    private static Double finite(double value) {
        return Double.isNaN(value) ? null : value;
    }

    static String markdown(String runId, Instant startedAt, Config config, List<BenchmarkPhase> phases) {
        Double commonRate = highestRateSustainedByAll(phases);
        StringBuilder md = new StringBuilder("# Order creation benchmark\n\n");
        md.append(String.format(
                Locale.ROOT,
                """
                Generated by `OrderBenchmarkSimulation` (run %s, started %s) on %s; every figure in `benchmark.json`.
                Modes %s interleaved, %d rounds, each phase on a fresh platform%s. Warm-up: %d closed-loop users place \
                and pay orders, each order as a new user as in the load, until the JIT compiler threads use under %.0f%% \
                of the platform's CPU over the last %d s \
                (at least %d s, at most %d s; per phase: orders, seconds, why it ended); then %d s without traffic \
                measure the platform's idle CPU. Steady step %.0f/s for %d s (latency, CPU from %d s on; marginal CPU \
                per order = (platform CPU/s in the window - idle CPU/s) / orders created per s, the idle CPU without \
                the JIT threads, which then finish the warm-up's compilation); ladder %s/s, %d s each, CPU from %.1f s \
                into each step, in %d passes %d s apart (each rate tried once per pass; a rate counts as sustained \
                if one of its tries is). CPU per order in a window: the platform's CPU (every process but the load \
                generator) / the orders created in it (responses received). Sustained: >= 95%% of the offered orders \
                completed within the step, backlog at its end under a second of arrivals, <= 1%% failed, p99 <= %d \
                ms. The phases' CPU per order under load is compared at the highest ladder rate every phase \
                sustained: %s. Everything co-located: load generator, three services, broker, database.

                """,
                runId,
                startedAt,
                Machine.describe(),
                config.modes(),
                config.rounds(),
                config.loadGeneratorWarmUp()
                        ? " (before round 1 a phase R0 of " + config.modes().getFirst()
                                + " warms up the load generator's own code; its figures are not kept)"
                        : "",
                config.warmUp().users(),
                config.warmUp().jitShare() * 100,
                WarmUp.WINDOW_SECONDS,
                config.warmUp().minSeconds(),
                config.warmUp().maxSeconds(),
                config.idleSeconds(),
                config.steadyRate(),
                config.steadySeconds(),
                config.steadySeconds() / 4,
                config.rates(),
                config.stepSeconds(),
                BenchmarkPhase.ladderCpuSettleMillis(config.stepSeconds()) / 1000.0,
                config.passes(),
                BenchmarkPhase.PASS_GAP_SECONDS,
                config.p99BoundMs(),
                commonRate == null ? "none" : String.format(Locale.ROOT, "%.0f/s", commonRate)));
        md.append(String.format(
                Locale.ROOT,
                "| phase | highest sustained /s | peak completed /s | p50 / p99 ms at %.0f/s | platform CPU ms per order "
                        + "at %.0f/s | platform CPU ms per order %s | machine before the phase | audit | warm-up |%n",
                config.steadyRate(),
                config.steadyRate(),
                atCommonRate(commonRate)));
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (BenchmarkPhase phase : phases) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.1f | %d / %d | %s | %s | %s | %s | %s |%n",
                    phase.label(),
                    phase.highestSustained() == null
                            ? "none"
                            : String.format(Locale.ROOT, "%.0f", phase.highestSustained()),
                    phase.peakCompletedPerSecond(),
                    phase.steady().percentile(50),
                    phase.steady().percentile(99),
                    millis(platformCpuMillisPerOrder(phase)),
                    millis(platformCpuMillisPerOrderAt(phase, commonRate)),
                    phase.machineAtStart,
                    phase.audit == null ? "not run" : phase.audit.summary(),
                    phase.warmUp == null
                            ? "n/a"
                            : String.format(
                                    Locale.ROOT,
                                    "%d orders, %.0f s, %s",
                                    phase.warmUp.tally().paid(),
                                    phase.warmUp.tally().seconds(),
                                    phase.warmUp.ending())));
        }
        ratios(md, config, phases, commonRate);
        cpu(md, phases, commonRate);
        md.append("\n## Ladders\n");
        for (BenchmarkPhase phase : phases) {
            md.append("\n### ")
                    .append(phase.label())
                    .append("\n\n")
                    .append(phase.warmUp == null ? "no warm-up" : phase.warmUp.toString())
                    .append(".\n\n");
            md.append("| pass | offered/s | completed/s in the step | created | failed | skipped | backlog at end "
                    + "| p50 ms | p99 ms | sustained | platform CPU ms/order | JIT ms/order |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (BenchmarkPhase.Step step : phase.steps) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %.0f | %.1f | %d | %d | %d | %d | %d | %d | %s | %s | %s |%n",
                        step.pass == 0 ? "steady" : String.valueOf(step.pass),
                        step.rate,
                        step.completedPerSecond(),
                        step.created.get(),
                        step.failed.get(),
                        step.skipped.get(),
                        step.backlogAtEnd(),
                        step.percentile(50),
                        step.percentile(99),
                        step.sustained(phase.bounds()) ? "yes" : "no",
                        millis(step.cpu.platformMillisPerOrder()),
                        millis(step.cpu.platformJitMillisPerOrder())));
            }
        }
        List<String> graphs = phases.stream()
                .flatMap(p -> p.flameGraphs.stream())
                .map(p -> "`profiles/" + p.getFileName() + "`")
                .toList();
        md.append("\nCPU flame graphs (async-profiler, steady step of the last round): ")
                .append(graphs.isEmpty() ? "none" : String.join(", ", graphs))
                .append(".\n");
        return md.toString();
    }

    /** Each mode against the reference mode of the same round: the machine's drift between rounds cancels. */
    private static void ratios(StringBuilder md, Config config, List<BenchmarkPhase> phases, Double commonRate) {
        md.append("\n## Ratios to `").append(config.referenceMode()).append("`, pair by pair\n\n");
        md.append(String.format(
                Locale.ROOT,
                "| round | mode | highest sustained | peak completed/s | p50 at steady | p99 at steady "
                        + "| platform CPU per order at %.0f/s | platform CPU per order %s |%n"
                        + "|---|---|---|---|---|---|---|---|%n",
                config.steadyRate(),
                atCommonRate(commonRate)));
        for (BenchmarkPhase reference : phases) {
            if (!reference.mode.equals(config.referenceMode())) {
                continue;
            }
            for (BenchmarkPhase phase : phases) {
                if (phase.round != reference.round || phase == reference) {
                    continue;
                }
                md.append(String.format(
                        Locale.ROOT,
                        "| %d | %s | %s | %s | %s | %s | %s | %s |%n",
                        phase.round,
                        phase.mode,
                        ratio(phase, reference, p -> p.highestSustained() == null ? Double.NaN : p.highestSustained()),
                        ratio(phase, reference, BenchmarkPhase::peakCompletedPerSecond),
                        ratio(phase, reference, p -> p.steady().percentile(50)),
                        ratio(phase, reference, p -> p.steady().percentile(99)),
                        ratio(phase, reference, BenchmarkReport::platformCpuMillisPerOrder),
                        ratio(phase, reference, p -> platformCpuMillisPerOrderAt(p, commonRate))));
            }
        }
    }

    private static String ratio(BenchmarkPhase phase, BenchmarkPhase reference, ToDoubleFunction<BenchmarkPhase> of) {
        double value = of.applyAsDouble(phase);
        double base = of.applyAsDouble(reference);
        return Double.isNaN(value) || Double.isNaN(base) || value < 0 || base <= 0
                ? "n/a"
                : String.format(Locale.ROOT, "%.2f", value / base);
    }

    /**
     * CPU milliseconds per created order in the steady window, per process, with the JVMs' GC and JIT parts, the
     * platform's idle CPU per second and its marginal CPU per order; then each process's idle CPU per second.
     */
    private static void cpu(StringBuilder md, List<BenchmarkPhase> phases, Double commonRate) {
        Set<String> roles = new LinkedHashSet<>();
        phases.forEach(phase -> roles.addAll(phase.steady().cpu.usage().keySet()));
        md.append("\n## CPU ms per created order in the steady window (GC / JIT threads in brackets)\n\n| phase | "
                        + "window s | orders in it | ")
                .append(String.join(" | ", roles))
                .append(" | platform total | platform idle ms/s (no JIT) | platform marginal per order |\n");
        md.append("|---|---|---|").append("---|".repeat(roles.size() + 3)).append('\n');
        for (BenchmarkPhase phase : phases) {
            CpuWindow steady = phase.steady().cpu;
            md.append(String.format(
                    Locale.ROOT, "| %s | %.1f | %d | ", phase.label(), steady.seconds(), steady.orders()));
            processColumns(md, steady, roles);
            md.append(millis(platformCpuMillisPerOrder(phase)))
                    .append(" | ")
                    .append(millis(platformIdleMillisPerSecond(phase)))
                    .append(" | ")
                    .append(millis(marginalCpuMillisPerOrder(phase)))
                    .append(" |\n");
        }
        if (commonRate != null) {
            List<CpuWindow> windows = phases.stream()
                    .map(phase ->
                            phase.ladderStep(commonRate).map(step -> step.cpu).orElse(CpuWindow.NONE))
                    .toList();
            Set<String> loadedRoles = new LinkedHashSet<>();
            windows.forEach(window -> loadedRoles.addAll(window.usage().keySet()));
            md.append(String.format(
                            Locale.ROOT,
                            "\nCPU ms per created order at %.0f/s, the highest ladder rate every phase sustained (that"
                                    + " step's CPU window; GC / JIT threads in brackets):\n\n| phase | window s | orders"
                                    + " in it | ",
                            commonRate))
                    .append(String.join(" | ", loadedRoles))
                    .append(" | platform total |\n|---|---|---|")
                    .append("---|".repeat(loadedRoles.size() + 1))
                    .append('\n');
            for (int i = 0; i < phases.size(); i++) {
                CpuWindow window = windows.get(i);
                md.append(String.format(
                        Locale.ROOT, "| %s | %.1f | %d | ", phases.get(i).label(), window.seconds(), window.orders()));
                processColumns(md, window, loadedRoles);
                md.append(millis(window.platformMillisPerOrder())).append(" |\n");
            }
        }
        Set<String> idleRoles = new LinkedHashSet<>();
        phases.forEach(phase -> idleRoles.addAll(phase.idleCpu.keySet()));
        md.append("\nIdle CPU ms per second right after the warm-up, no traffic (GC / JIT threads in brackets):\n\n"
                        + "| phase | idle s | ")
                .append(String.join(" | ", idleRoles))
                .append(" |\n|---|---|")
                .append("---|".repeat(idleRoles.size()))
                .append('\n');
        for (BenchmarkPhase phase : phases) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | ", phase.label(), phase.idleSeconds));
            for (String role : idleRoles) {
                md.append(usage(phase.idleCpu.get(role), phase.idleSeconds)).append(" | ");
            }
            md.append('\n');
        }
        md.append("\nBroker requests of the order producer per created order in the same window (none in a mode "
                + "without it):\n\n");
        for (BenchmarkPhase phase : phases) {
            md.append("- ")
                    .append(phase.label())
                    .append(": ")
                    .append(
                            phase.brokerRequestsPerOrder.isEmpty()
                                    ? "none"
                                    : phase.brokerRequestsPerOrder.entrySet().stream()
                                            .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
    }

    /** One column per process: its CPU milliseconds per order in {@code window}. */
    private static void processColumns(StringBuilder md, CpuWindow window, Set<String> roles) {
        for (String role : roles) {
            md.append(usage(window.usage().get(role), (double) window.orders())).append(" | ");
        }
    }

    /** A process's CPU milliseconds per unit (an order, a second), with its GC and JIT parts in brackets. */
    private static String usage(ProcessCpu.Usage usage, double units) {
        return usage == null || units <= 0
                ? "n/a"
                : String.format(
                        Locale.ROOT,
                        "%.2f (%.2f / %.2f)",
                        usage.seconds() * 1000 / units,
                        usage.gcSeconds() * 1000 / units,
                        usage.jitSeconds() * 1000 / units);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** The platform's CPU per order in the steady window: every process but the load generator. */
    static double platformCpuMillisPerOrder(BenchmarkPhase phase) {
        return phase.steady().cpu.platformMillisPerOrder();
    }

    /** The platform's CPU per order in the ladder step at {@code rate}; NaN if there is no such rate or step. */
    static double platformCpuMillisPerOrderAt(BenchmarkPhase phase, Double rate) {
        return rate == null
                ? Double.NaN
                : phase.ladderStep(rate)
                        .map(step -> step.cpu.platformMillisPerOrder())
                        .orElse(Double.NaN);
    }

    /**
     * The highest ladder rate that every phase sustained, or null if there is none: where the phases' CPU per order
     * compares under load, each platform keeping up with the same offered rate.
     */
    static Double highestRateSustainedByAll(List<BenchmarkPhase> phases) {
        if (phases.isEmpty()) {
            return null;
        }
        return phases.getFirst().ladder().stream()
                .map(step -> step.rate)
                .filter(rate -> phases.stream()
                        .allMatch(phase -> phase.ladderStep(rate)
                                .filter(step -> step.sustained(phase.bounds()))
                                .isPresent()))
                .max(Double::compare)
                .orElse(null);
    }

    /** The header of a column at the highest rate all phases sustained. */
    private static String atCommonRate(Double rate) {
        return rate == null
                ? "at the highest rate all phases sustained (none)"
                : String.format(Locale.ROOT, "at %.0f/s (the highest rate all phases sustained)", rate);
    }

    /**
     * The platform's CPU per second without traffic, but for its JIT compiler threads: what they do then is the rest
     * of the warm-up's compilation, not a cost that every second bears.
     */
    static double platformIdleMillisPerSecond(BenchmarkPhase phase) {
        return phase.idleSeconds <= 0
                ? Double.NaN
                : CpuWindow.platformSeconds(phase.idleCpu, usage -> usage.seconds() - usage.jitSeconds())
                        * 1000
                        / phase.idleSeconds;
    }

    /**
     * The platform's CPU per order beyond its idle cost: (CPU per second in the steady window - idle CPU per second)
     * / orders created per second.
     */
    static double marginalCpuMillisPerOrder(BenchmarkPhase phase) {
        CpuWindow steady = phase.steady().cpu;
        return steady.orders() == 0
                ? Double.NaN
                : (CpuWindow.platformSeconds(steady.usage(), ProcessCpu.Usage::seconds) * 1000
                                - platformIdleMillisPerSecond(phase) * steady.seconds())
                        / steady.orders();
    }
}
