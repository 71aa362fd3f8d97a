package dev.orderplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The launcher's command-line options. */
class LocalPlatformMainTest {

    private final LocalPlatformOptions defaults = LocalPlatformOptions.defaults(Path.of("work"), Path.of("target"));

    @Test
    void theProductionBrokerIsChosenOnTheCommandLine() {
        assertThat(defaults.productionLikeBroker()).isFalse();
        assertThat(LocalPlatformMain.apply(defaults, "--production-broker=true").productionLikeBroker())
                .isTrue();
        // What -Dplatform.productionBroker passes by default.
        assertThat(LocalPlatformMain.apply(defaults, "--production-broker=false"))
                .isEqualTo(defaults);
    }

    @Test
    void theProductionBrokerOptionTakesOnlyTrueOrFalse() {
        assertThatThrownBy(() -> LocalPlatformMain.apply(defaults, "--production-broker=yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("true or false");
    }

    @Test
    void anUnknownOptionIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> LocalPlatformMain.apply(defaults, "--production-brokers"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--production-broker=true");
    }
}
