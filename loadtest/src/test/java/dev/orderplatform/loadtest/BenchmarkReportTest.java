package dev.orderplatform.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class BenchmarkReportTest {

    private static final BenchmarkPhase.Bounds BOUNDS = new BenchmarkPhase.Bounds(200, 5000);

    private static BenchmarkPhase phase() {
        return new BenchmarkPhase("reliable", 1, 50, 20, List.of(100.0), 8, 1, BOUNDS);
    }

    /** A phase whose ladder offers 100, 150, 200 and 250 orders/s, 8 s each. */
    private static BenchmarkPhase laddered(String mode) {
        return new BenchmarkPhase(mode, 1, 50, 20, List.of(100.0, 150.0, 200.0, 250.0), 8, 1, BOUNDS);
    }

    /** Makes the ladder's steps at {@code rates} sustained: every offered order completed in the window, p99 20 ms. */
    private static void sustain(BenchmarkPhase phase, double... rates) {
        for (double rate : rates) {
            BenchmarkPhase.Step step = phase.ladderStep(rate).orElseThrow();
            long orders = Math.round(step.rate * step.seconds);
            step.arrivals.set(orders);
            step.created.set(orders);
            step.completedInWindow.set(orders);
            step.doneInWindow.set(orders);
            step.createMillis.add(20);
        }
    }

    /** A window of {@code orders} orders whose platform used {@code platformSeconds}, a tenth of it JIT. */
    private static CpuWindow window(double platformSeconds, long orders) {
        return new CpuWindow(
                Map.of(
                        "order",
                        new ProcessCpu.Usage(platformSeconds, 0, platformSeconds / 10),
                        CpuWindow.LOAD_GENERATOR,
                        new ProcessCpu.Usage(9, 0, 0)),
                orders,
                6);
    }

    @Test
    void marginalCpuPerOrderTakesTheIdleCostButNotTheJitOutOfTheTotal() {
        BenchmarkPhase phase = phase();
        // 15 s at 50 orders/s; the platform used 30 CPU seconds (40 ms per order), the load generator is not in it.
        phase.steady().cpu = new CpuWindow(
                Map.of(
                        "order",
                        new ProcessCpu.Usage(18, 0, 1),
                        "broker+nameserver",
                        new ProcessCpu.Usage(12, 0, 0),
                        CpuWindow.LOAD_GENERATOR,
                        new ProcessCpu.Usage(5, 0, 0)),
                750,
                15);
        // Idle: 100 ms of CPU per second, 85 of them the broker's, and the order service's JIT finishing its queue.
        phase.idleSeconds = 10;
        phase.idleCpu = Map.of(
                "order", new ProcessCpu.Usage(0.55, 0, 0.4), "broker+nameserver", new ProcessCpu.Usage(0.85, 0, 0));

        assertThat(BenchmarkReport.platformCpuMillisPerOrder(phase)).isCloseTo(40, within(1e-9));
        assertThat(BenchmarkReport.platformIdleMillisPerSecond(phase)).isCloseTo(100, within(1e-9));
        // (2000 ms/s - 100 ms/s) / 50 orders/s
        assertThat(BenchmarkReport.marginalCpuMillisPerOrder(phase)).isCloseTo(38, within(1e-9));
    }

    @Test
    void withoutAnIdleMeasurementThereIsNoMarginalFigure() {
        BenchmarkPhase phase = phase();
        phase.steady().cpu = new CpuWindow(Map.of("order", new ProcessCpu.Usage(18, 0, 1)), 750, 15);

        assertThat(BenchmarkReport.platformIdleMillisPerSecond(phase)).isNaN();
        assertThat(BenchmarkReport.marginalCpuMillisPerOrder(phase)).isNaN();
        assertThat(BenchmarkReport.markdown("run", Instant.EPOCH, config(), List.of(phase)))
                .contains("| 24.00 | n/a | n/a |");
    }

    @Test
    void aLadderStepsCpuPerOrderComesFromTwoProcSamplesWithoutTheLoadGenerator() {
        // /proc ticks are 1/100 s. Between the samples: the order JVM 240 ticks (6 in its GC thread, 30 in a JIT
        // thread and 12 in a JIT thread started in the window), the broker 120, the load generator 200.
        Map<String, ProcessCpu.Sample> start = Map.of(
                "order",
                new ProcessCpu.Sample(1000, Map.of(11L, 10L), Map.of(12L, 100L)),
                "broker+nameserver",
                new ProcessCpu.Sample(500, Map.of(), Map.of()),
                CpuWindow.LOAD_GENERATOR,
                new ProcessCpu.Sample(300, Map.of(), Map.of()));
        Map<String, ProcessCpu.Sample> end = Map.of(
                "order",
                new ProcessCpu.Sample(1240, Map.of(11L, 16L), Map.of(12L, 130L, 13L, 12L)),
                "broker+nameserver",
                new ProcessCpu.Sample(620, Map.of(), Map.of()),
                CpuWindow.LOAD_GENERATOR,
                new ProcessCpu.Sample(500, Map.of(), Map.of()));
        BenchmarkPhase phase = phase();
        BenchmarkPhase.Step step = phase.ladderStep(100).orElseThrow();
        step.cpu = CpuWindow.between(start, end, 1200, 6);

        double platformMillis = (240 + 120) * 10.0;
        double jitMillis = (30 + 12) * 10.0;
        assertThat(step.cpu.platformMillisPerOrder()).isCloseTo(platformMillis / 1200, within(1e-9));
        assertThat(step.cpu.platformJitMillisPerOrder()).isCloseTo(jitMillis / 1200, within(1e-9));
        Map<String, Double> order = step.cpu.millisPerOrderByProcess().get("order");
        assertThat(order.get("total")).isCloseTo(2400.0 / 1200, within(1e-9));
        assertThat(order.get("gc")).isCloseTo(60.0 / 1200, within(1e-9));
        assertThat(step.cpu
                        .millisPerOrderByProcess()
                        .get(CpuWindow.LOAD_GENERATOR)
                        .get("total"))
                .isCloseTo(2000.0 / 1200, within(1e-9));
        // The ladder table's row at 100/s: not sustained (no orders counted), platform 3.00 and JIT 0.35 ms per order.
        assertThat(BenchmarkReport.markdown("run", Instant.EPOCH, config(), List.of(phase)))
                .contains(
                        String.format(Locale.ROOT, "| no | %.2f | %.2f |%n", platformMillis / 1200, jitMillis / 1200));
    }

    @Test
    void theCommonRateIsTheHighestLadderRateThatEveryPhaseSustained() {
        BenchmarkPhase reliable = laddered("reliable");
        BenchmarkPhase baseline = laddered("baseline");
        sustain(reliable, 100, 150, 200);
        sustain(baseline, 100, 150, 250);

        // 200 is reliable's alone, 250 baseline's alone: both sustained 100 and 150.
        assertThat(BenchmarkReport.highestRateSustainedByAll(List.of(reliable, baseline)))
                .isEqualTo(150.0);
    }

    @Test
    void withoutARateEveryPhaseSustainedThereIsNoCommonRate() {
        BenchmarkPhase reliable = laddered("reliable");
        BenchmarkPhase baseline = laddered("baseline");
        sustain(reliable, 100);
        sustain(baseline, 150, 200);
        List<BenchmarkPhase> phases = List.of(reliable, baseline);

        assertThat(BenchmarkReport.highestRateSustainedByAll(phases)).isNull();
        assertThat(BenchmarkReport.highestRateSustainedByAll(List.of())).isNull();
        assertThat(BenchmarkReport.platformCpuMillisPerOrderAt(reliable, null)).isNaN();
        assertThat(BenchmarkReport.markdown("run", Instant.EPOCH, config(), phases))
                .contains("platform CPU ms per order at the highest rate all phases sustained (none) |")
                .contains("platform CPU per order at the highest rate all phases sustained (none) |")
                .contains("sustained: none.");
    }

    @Test
    void theSummaryAndTheRatiosGiveTheCpuPerOrderAtTheCommonRate() {
        BenchmarkPhase reliable = laddered("reliable");
        BenchmarkPhase baseline = laddered("baseline");
        sustain(reliable, 100, 150);
        sustain(baseline, 100, 150, 200);
        // At 150/s, 6 s of the window: 900 orders each; the reliable platform used 7.2 CPU s, the baseline 4.5.
        reliable.ladderStep(150).orElseThrow().cpu = window(7.2, 900);
        baseline.ladderStep(150).orElseThrow().cpu = window(4.5, 900);
        // Higher rates that not all phases sustained are not the comparison's.
        reliable.ladderStep(200).orElseThrow().cpu = window(9, 1000);
        baseline.ladderStep(200).orElseThrow().cpu = window(9, 1200);

        double reliableMillis = 7200.0 / 900;
        double baselineMillis = 4500.0 / 900;
        assertThat(BenchmarkReport.platformCpuMillisPerOrderAt(reliable, 150.0))
                .isCloseTo(reliableMillis, within(1e-9));
        String md = BenchmarkReport.markdown("run", Instant.EPOCH, config(), List.of(reliable, baseline));
        assertThat(md)
                .contains("platform CPU ms per order at 150/s (the highest rate all phases sustained) |")
                .contains("sustained: 150/s.")
                // the steady step had no window: n/a, then the figure at 150/s
                .contains(String.format(Locale.ROOT, "| n/a | %.2f | null |", reliableMillis))
                .contains(String.format(Locale.ROOT, "| n/a | %.2f | null |", baselineMillis))
                .contains(String.format(Locale.ROOT, "| n/a | %.2f |%n", reliableMillis / baselineMillis));
        // Per process at 150/s: the order JVM 7.2 CPU s (a tenth JIT), the load generator 9, over 900 orders (the
        // processes' columns come in the order of the usage map, which Map.of does not fix).
        String perProcess = md.substring(
                md.indexOf("CPU ms per created order at 150/s, the highest ladder rate every phase sustained"));
        String reliableRow = perProcess
                .lines()
                .filter(line -> line.startsWith("| R1 reliable | 6.0 | 900 | "))
                .findFirst()
                .orElseThrow();
        assertThat(reliableRow)
                .contains(String.format(Locale.ROOT, "| %.2f (0.00 / %.2f) |", 7200.0 / 900, 720.0 / 900))
                .contains(String.format(Locale.ROOT, "| %.2f (0.00 / 0.00) |", 9000.0 / 900))
                .endsWith(String.format(Locale.ROOT, "| %.2f |", reliableMillis));
    }

    @Test
    void theJsonGivesEachStepsCpuPerOrderPerProcess(@TempDir Path dir) throws Exception {
        BenchmarkPhase reliable = laddered("reliable");
        sustain(reliable, 100, 150);
        reliable.ladderStep(150).orElseThrow().cpu = window(7.2, 900);

        BenchmarkReport.write(dir, "run", Instant.EPOCH, config(), List.of(reliable));

        JsonNode json = PlatformApi.JSON.readTree(Files.readString(dir.resolve("benchmark.json")));
        assertThat(json.get("highestRateSustainedByAllPhases").asDouble()).isEqualTo(150.0);
        JsonNode phase = json.get("phases").get(0);
        assertThat(phase.get("platformCpuMillisPerOrderAtHighestRateSustainedByAll")
                        .asDouble())
                .isCloseTo(7200.0 / 900, within(1e-9));
        // steps: the steady one, then 100, 150, ...
        JsonNode window = phase.get("steps").get(2).get("cpuWindow");
        assertThat(window.get("orders").asLong()).isEqualTo(900);
        assertThat(window.get("cpuMillisPerOrder").get("order").get("jit").asDouble())
                .isCloseTo(720.0 / 900, within(1e-9));
        assertThat(window.get("cpuMillisPerOrder")
                        .get(CpuWindow.LOAD_GENERATOR)
                        .get("total")
                        .asDouble())
                .isCloseTo(9000.0 / 900, within(1e-9));
        assertThat(phase.get("steps")
                        .get(1)
                        .get("cpuWindow")
                        .get("platformCpuMillisPerOrder")
                        .isNull())
                .isTrue();
    }

    @Test
    void theRunStartsWithADiscardedPhaseOfTheFirstModeThatWarmsTheLoadGeneratorUp() {
        List<String> labels = config().phases().stream()
                .map(phase -> phase.label() + (phase.discarded() ? " (discarded)" : ""))
                .toList();
        assertThat(labels)
                .containsExactly("R0 reliable (discarded)", "R1 reliable", "R1 baseline", "R2 reliable", "R2 baseline");
    }

    @Test
    void withoutTheLoadGeneratorsWarmUpEveryPhaseCounts() {
        BenchmarkReport.Config defaults = config();
        BenchmarkReport.Config withoutWarmUp = new BenchmarkReport.Config(
                defaults.modes(),
                defaults.rounds(),
                defaults.steadyRate(),
                defaults.steadySeconds(),
                defaults.rates(),
                defaults.stepSeconds(),
                defaults.passes(),
                defaults.p99BoundMs(),
                defaults.collapseMs(),
                defaults.warmUp(),
                defaults.idleSeconds(),
                defaults.settleLoad(),
                defaults.settleMaxSeconds(),
                defaults.profile(),
                defaults.referenceMode(),
                false);
        assertThat(withoutWarmUp.phases()).hasSize(4).noneMatch(BenchmarkPhase::discarded);
    }

    private static BenchmarkReport.Config config() {
        return BenchmarkReport.Config.fromSystemProperties();
    }
}
