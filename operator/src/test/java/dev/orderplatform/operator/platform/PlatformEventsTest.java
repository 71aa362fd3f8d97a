package dev.orderplatform.operator.platform;

import static dev.orderplatform.operator.platform.StatusesTest.observed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.operator.platform.OrderPlatformStatus.Rollout;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformEventsTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456789Z");

    @Test
    void aPhaseChangeIsANormalEventOnThePlatform() {
        var platform = TestPlatforms.withSpec("");
        platform.getMetadata().setUid("uid-7");
        var progressing = Statuses.reconciled(
                platform, TestPlatforms.settings(""), observed(List.of(Rollouts.absent("goods", 1)), null), T0);

        var event = PlatformEvents.forTransition(platform, null, progressing, T0, "operator-pod-1")
                .orElseThrow();

        assertThat(event.getType()).isEqualTo("Normal");
        assertThat(event.getReason()).isEqualTo("ComponentsNotReady");
        assertThat(event.getNote()).isEqualTo("Progressing: Waiting for goods (0/1, not created yet)");
        assertThat(event.getAction()).isEqualTo("Reconcile");
        assertThat(event.getRegarding().getKind()).isEqualTo("OrderPlatform");
        assertThat(event.getRegarding().getUid()).isEqualTo("uid-7");
        assertThat(event.getMetadata().getNamespace()).isEqualTo("test");
        assertThat(event.getMetadata().getName()).startsWith("shop.");
        assertThat(event.getEventTime().getTime()).isEqualTo("2026-01-01T10:00:00.123456Z");
        assertThat(event.getReportingController()).isEqualTo("orderplatform.dev/operator");
        assertThat(event.getReportingInstance()).isEqualTo("operator-pod-1");
    }

    @Test
    void theSamePhaseTellsNothingNewButEachNewFailureIsAWarning() {
        var platform = TestPlatforms.withSpec("");
        var progressing = Statuses.reconciled(
                platform, TestPlatforms.settings(""), observed(List.of(Rollouts.absent("goods", 1)), null), T0);
        var stillProgressing = Statuses.reconciled(
                platform,
                TestPlatforms.settings(""),
                observed(
                        List.of(new OrderPlatformStatus.ComponentStatus("goods", 0, 1, Rollout.InProgress, "x")), null),
                T0);
        var failed = Statuses.failed(platform, List.of(), null, "broker unreachable", T0);
        var failedOtherwise = Statuses.failed(platform, List.of(), null, "API server unavailable", T0);

        assertThat(PlatformEvents.forTransition(platform, progressing, stillProgressing, T0, "pod"))
                .isEmpty();
        assertThat(PlatformEvents.forTransition(platform, progressing, failed, T0, "pod"))
                .get()
                .satisfies(event -> {
                    assertThat(event.getType()).isEqualTo("Warning");
                    assertThat(event.getReason()).isEqualTo("ReconcileFailed");
                    assertThat(event.getNote()).isEqualTo("Degraded: broker unreachable");
                });
        assertThat(PlatformEvents.forTransition(platform, failed, failed, T0, "pod"))
                .isEmpty();
        assertThat(PlatformEvents.forTransition(platform, failed, failedOtherwise, T0, "pod"))
                .isPresent();
    }

    @Test
    void pausingIsToldWithItsOwnReason() {
        var platform = TestPlatforms.withSpec("");
        var paused = Statuses.paused(platform, "orderplatform.dev/pause-reconciliation", T0);

        var event =
                PlatformEvents.forTransition(platform, null, paused, T0, "pod").orElseThrow();

        assertThat(event.getReason()).isEqualTo("ReconciliationPaused");
        assertThat(event.getNote()).startsWith("Paused: Reconciliation is paused by the annotation");
    }
}
