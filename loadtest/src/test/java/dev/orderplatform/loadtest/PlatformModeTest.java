package dev.orderplatform.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformModeTest {

    @Test
    void aNamedModeAloneHasNoJvmOptions() {
        PlatformMode mode = PlatformMode.parse("baseline");

        assertThat(mode.name()).isEqualTo("baseline");
        assertThat(mode.jvmOptions()).isEmpty();
        assertThat(mode.slug()).isEqualTo("baseline");
    }

    @Test
    void jvmOptionsAfterTheNameGoToTheServices() {
        PlatformMode mode =
                PlatformMode.parse(" reliable  -Djdk.virtualThreadScheduler.parallelism=1 -XX:+UseSerialGC ");

        assertThat(mode.name()).isEqualTo("reliable");
        assertThat(mode.jvmOptions())
                .isEqualTo(List.of("-Djdk.virtualThreadScheduler.parallelism=1", "-XX:+UseSerialGC"));
        assertThat(mode.slug()).isEqualTo("reliable-DjdkvirtualThreadSchedulerparallelism1-XXUseSerialGC");
    }

    @Test
    void anythingButJvmOptionsAfterTheNameIsRefused() {
        assertThatThrownBy(() -> PlatformMode.parse("reliable baseline"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'baseline'");
        assertThatThrownBy(() -> PlatformMode.parse("  ")).isInstanceOf(IllegalArgumentException.class);
    }
}
