package dev.orderplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.infra.zipkin.ZipkinCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service starts with Spring AOT unless it is given a property that Spring Boot evaluates as a condition: the
 * span exporters, which Spring AOT left out at build time, and the choice of virtual threads (Tomcat's executor).
 */
class SpringAotChoiceTest {

    @Test
    void theProtocolModeAndOtherSettingsKeepSpringAot() {
        assertThat(LocalPlatform.buildTimeCondition(Map.of(
                        "orderplatform.protocol.mode", "baseline",
                        "orderplatform.reconciliation.interval", "10s",
                        "management.tracing.sampling.probability", "1.0")))
                .isEmpty();
    }

    @Test
    void exportingSpansToZipkinOrOtlpStartsWithoutIt() {
        assertThat(LocalPlatform.buildTimeCondition(ZipkinCollector.exportProperties(9411)))
                .contains("management.tracing.export.zipkin.enabled");
        assertThat(LocalPlatform.buildTimeCondition(
                        Map.of("management.opentelemetry.tracing.export.otlp.endpoint", "http://127.0.0.1:4318")))
                .contains("management.opentelemetry.tracing.export.otlp.endpoint");
    }

    @Test
    void choosingTheThreadsStartsWithoutIt() {
        // Either way: Spring AOT fixed the executors for the build's own setting, which a benchmark mode may not
        // repeat.
        assertThat(LocalPlatform.buildTimeCondition(Map.of("spring.threads.virtual.enabled", "true")))
                .contains("spring.threads.virtual.enabled");
        assertThat(LocalPlatform.buildTimeCondition(Map.of("spring.threads.virtual.enabled", "false")))
                .contains("spring.threads.virtual.enabled");
    }
}
