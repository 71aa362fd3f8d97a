package dev.orderplatform.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {

    private static BenchmarkPhase phase() {
        return new BenchmarkPhase("reliable", 1, 50, 20, List.of(100.0), 8, new BenchmarkPhase.Bounds(200, 5000));
    }

    @Test
    void marginalCpuPerOrderTakesTheIdleCostButNotTheJitOutOfTheTotal() {
        BenchmarkPhase phase = phase();
        // 15 s at 50 orders/s; the platform used 30 CPU seconds (40 ms per order), the load generator is not in it.
        phase.cpuWindowSeconds = 15;
        phase.cpuOrders = 750;
        phase.cpu = Map.of(
                "order", new ProcessCpu.Usage(18, 0, 1),
                "broker+nameserver", new ProcessCpu.Usage(12, 0, 0),
                "load generator", new ProcessCpu.Usage(5, 0, 0));
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
        phase.cpuWindowSeconds = 15;
        phase.cpuOrders = 750;
        phase.cpu = Map.of("order", new ProcessCpu.Usage(18, 0, 1));

        assertThat(BenchmarkReport.platformIdleMillisPerSecond(phase)).isNaN();
        assertThat(BenchmarkReport.marginalCpuMillisPerOrder(phase)).isNaN();
        assertThat(BenchmarkReport.markdown("run", Instant.EPOCH, config(), List.of(phase)))
                .contains("| 24.00 | n/a | n/a |");
    }

    private static BenchmarkReport.Config config() {
        return BenchmarkReport.Config.fromSystemProperties();
    }
}
