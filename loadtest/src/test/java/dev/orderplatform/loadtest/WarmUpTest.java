package dev.orderplatform.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    /** 16 users, 60 s to 240 s, settled under 5% JIT. */
    private final WarmUp.Rule rule = new WarmUp.Rule(16, 60, 240, 0.05);

    /** A platform's last window: order and broker JVMs, with the given JIT seconds of 10 CPU seconds. */
    private static Map<String, ProcessCpu.Usage> window(double orderJit, double brokerJit) {
        return Map.of(
                "order", new ProcessCpu.Usage(6, 0.1, orderJit),
                "broker+nameserver", new ProcessCpu.Usage(4, 0.1, brokerJit));
    }

    @Test
    void goesOnBeforeTheMinimumEvenWhenTheJitIsQuiet() {
        assertThat(rule.ending(59, window(0.1, 0))).isEmpty();
    }

    @Test
    void endsOnceTheJitShareOfThePlatformIsUnderTheThreshold() {
        assertThat(rule.ending(60, window(0.3, 0.1))).hasValueSatisfying(ending -> {
            assertThat(ending.settled()).isTrue();
            assertThat(ending.jitShare()).isCloseTo(0.04, within(1e-9));
            assertThat(ending).hasToString("JIT settled at 4.0%");
        });
    }

    @Test
    void goesOnWhileTheJitShareIsAtTheThreshold() {
        assertThat(rule.ending(120, window(0.4, 0.1))).isEmpty();
    }

    @Test
    void endsAtTheTimeLimitWithTheJitShareItReached() {
        assertThat(rule.ending(240, window(1.2, 0.3))).hasValueSatisfying(ending -> {
            assertThat(ending.settled()).isFalse();
            assertThat(ending).hasToString("time limit with JIT at 15.0%");
        });
    }

    @Test
    void aWindowNotYetSampledIsNeverSettled() {
        assertThat(rule.ending(100, Map.of())).isEmpty();
        assertThat(rule.ending(240, Map.of()))
                .hasValueSatisfying(ending -> assertThat(ending.settled()).isFalse());
    }
}
