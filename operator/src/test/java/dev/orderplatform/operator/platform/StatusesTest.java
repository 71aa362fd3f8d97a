package dev.orderplatform.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.operator.platform.OrderPlatformStatus.ComponentStatus;
import dev.orderplatform.operator.platform.OrderPlatformStatus.Rollout;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusesTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");

    static final ComponentStatus GOODS_ROLLED_OUT = new ComponentStatus("goods", 1, 1, Rollout.Complete, "rolled out");

    @Test
    void notReadyComponentsMakeThePlatformProgressing() {
        var platform = TestPlatforms.withSpec("");
        var status = Statuses.reconciled(
                platform,
                TestPlatforms.settings(""),
                observed(
                        List.of(
                                new ComponentStatus("mysql", 0, 1, Rollout.InProgress, "1 pods not ready"),
                                GOODS_ROLLED_OUT),
                        "no master broker"),
                T0);

        assertThat(status.phase()).isEqualTo("Progressing");
        assertThat(status.readyComponents()).isEqualTo("1/2");
        assertThat(status.observedGeneration()).isEqualTo(1L);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getMessage())
                .isEqualTo("Waiting for mysql (0/1, 1 pods not ready), topics (no master broker)");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void sameObservationsGiveAnEqualStatusAndTransitionTimesMoveOnlyOnFlips() {
        var platform = TestPlatforms.withSpec("");
        var components = List.of(GOODS_ROLLED_OUT);
        platform.setStatus(Statuses.reconciled(platform, TestPlatforms.settings(""), observed(components, "x"), T0));

        assertThat(Statuses.reconciled(platform, TestPlatforms.settings(""), observed(components, "x"), T1))
                .isEqualTo(platform.getStatus());

        var ready = Statuses.reconciled(platform, TestPlatforms.settings(""), observed(components, null), T1);
        assertThat(ready.phase()).isEqualTo("Ready");
        assertThat(condition(ready, "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
        assertThat(condition(ready, "Degraded").getLastTransitionTime()).isEqualTo(T0.toString());
    }

    @Test
    void monitoringWithoutThePrometheusOperatorIsSaidInItsOwnConditionAndLeavesThePlatformReady() {
        var platform = TestPlatforms.withSpec("monitoring: {enabled: true}");
        var settings = TestPlatforms.settings(platform);

        var missing = Statuses.reconciled(
                platform,
                settings,
                new Statuses.Observed(
                        List.of(GOODS_ROLLED_OUT),
                        null,
                        List.of(),
                        Statuses.Monitoring.PROMETHEUS_OPERATOR_NOT_INSTALLED),
                T0);
        var applied = Statuses.reconciled(
                platform,
                settings,
                new Statuses.Observed(List.of(GOODS_ROLLED_OUT), null, List.of(), Statuses.Monitoring.APPLIED),
                T0);
        var disabled = Statuses.reconciled(platform, settings, observed(List.of(GOODS_ROLLED_OUT), null), T0);

        assertThat(missing.phase()).isEqualTo("Ready");
        assertThat(condition(missing, "MonitoringReady"))
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "PrometheusOperatorNotInstalled");
        assertThat(condition(missing, "MonitoringReady").getMessage())
                .contains("podmonitors and prometheusrules.monitoring.coreos.com", "every 30 s");
        assertThat(condition(applied, "MonitoringReady"))
                .extracting(Condition::getStatus, Condition::getMessage)
                .containsExactly("True", "PodMonitor shop-services and PrometheusRule shop-rules are applied");
        assertThat(disabled.conditions()).extracting(Condition::getType).doesNotContain("MonitoringReady");
    }

    /** Ready pods are not enough: the old pod of a stuck rollout is ready too. */
    @Test
    void unfinishedRolloutIsNotReady() {
        var status = Statuses.reconciled(
                TestPlatforms.withSpec(""),
                TestPlatforms.settings(""),
                observed(
                        List.of(new ComponentStatus(
                                "goods", 1, 1, Rollout.InProgress, "1 old replicas pending termination")),
                        null),
                T0);

        assertThat(status.phase()).isEqualTo("Progressing");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Progressing").getMessage())
                .isEqualTo("Waiting for goods (1/1, 1 old replicas pending termination)");
    }

    @Test
    void failedRolloutIsDegradedWithItsReason() {
        var status = Statuses.reconciled(
                TestPlatforms.withSpec(""),
                TestPlatforms.settings(""),
                observed(
                        List.of(
                                GOODS_ROLLED_OUT,
                                new ComponentStatus(
                                        "order",
                                        1,
                                        1,
                                        Rollout.Failed,
                                        "deployment shop-order exceeded its progress deadline")),
                        null),
                T0);

        assertThat(status.phase()).isEqualTo("Degraded");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(condition(status, "Degraded").getMessage())
                .isEqualTo("order: deployment shop-order exceeded its progress deadline");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("ProgressDeadlineExceeded");
    }

    @Test
    void ignoredSpecChangesAreAWarningCondition() {
        var platform = TestPlatforms.withSpec("");
        var status = Statuses.reconciled(
                platform,
                TestPlatforms.settings(""),
                new Statuses.Observed(
                        List.of(GOODS_ROLLED_OUT),
                        null,
                        List.of("shop-mysql volume data keeps its size 10Gi (spec: 50Gi)."),
                        Statuses.Monitoring.DISABLED),
                T0);
        platform.setStatus(status);
        var resolved = Statuses.reconciled(
                platform, TestPlatforms.settings(""), observed(List.of(GOODS_ROLLED_OUT), null), T1);

        assertThat(status.phase()).isEqualTo("Ready");
        assertThat(condition(status, "Warning").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Warning").getReason()).isEqualTo("SpecChangeIgnored");
        assertThat(condition(status, "Warning").getMessage())
                .isEqualTo("shop-mysql volume data keeps its size 10Gi (spec: 50Gi).");
        assertThat(resolved.conditions()).extracting(Condition::getType).doesNotContain("Warning");
    }

    @Test
    void pausedKeepsTheLastObservationsAndSaysWhy() {
        var platform = TestPlatforms.withSpec("");
        platform.setStatus(Statuses.reconciled(
                platform, TestPlatforms.settings(""), observed(List.of(GOODS_ROLLED_OUT), null), T0));
        platform.getMetadata().setGeneration(2L);

        var paused = Statuses.paused(platform, "orderplatform.dev/pause-reconciliation", T1);

        assertThat(paused.phase()).isEqualTo("Paused");
        assertThat(paused.observedGeneration())
                .as("the new spec was not looked at")
                .isEqualTo(1L);
        assertThat(paused.components()).isEqualTo(platform.getStatus().components());
        assertThat(condition(paused, "ReconciliationPaused").getStatus()).isEqualTo("True");
        assertThat(condition(paused, "ReconciliationPaused").getMessage())
                .contains("orderplatform.dev/pause-reconciliation");
        assertThat(condition(paused, "Ready").getStatus()).as("nobody looks").isEqualTo("Unknown");
        assertThat(condition(paused, "Ready").getReason()).isEqualTo("ReconciliationPaused");
        assertThat(condition(paused, "Degraded")).isEqualTo(condition(platform.getStatus(), "Degraded"));
    }

    @Test
    void invalidSpecIsDegradedWithTheProblems() {
        var platform = TestPlatforms.withSpec("");
        var status = Statuses.invalidSpec(platform, new InvalidSpecException(List.of("a is wrong", "b is wrong")), T0);

        assertThat(status.phase()).isEqualTo("Degraded");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("InvalidSpec");
        assertThat(condition(status, "Degraded").getMessage()).isEqualTo("Invalid spec: a is wrong; b is wrong");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    }

    static Statuses.Observed observed(List<ComponentStatus> components, String topicsWaitingFor) {
        return new Statuses.Observed(components, topicsWaitingFor, List.of(), Statuses.Monitoring.DISABLED);
    }

    static Condition condition(OrderPlatformStatus status, String type) {
        return status.conditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }
}
