package dev.orderplatform.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderPlatformReconcilerTest {

    @Test
    void statusIsWrittenOnAFreshObjectWithoutResourceVersionOrSpec() {
        var platform = TestPlatforms.withSpec("orderTimeout: 45m");
        platform.getMetadata().setResourceVersion("4711");
        platform.getMetadata().setUid("uid-1");
        var status = goodsAbsent(platform);

        var patch = OrderPlatformReconciler.statusPatch(platform, status).orElseThrow();

        assertThat(patch).isNotSameAs(platform);
        assertThat(patch.getMetadata().getName()).isEqualTo("shop");
        assertThat(patch.getMetadata().getNamespace()).isEqualTo("test");
        assertThat(patch.getMetadata().getResourceVersion()).isNull();
        assertThat(patch.getMetadata().getUid()).isNull();
        assertThat(patch.getSpec()).isNull();
        assertThat(patch.getStatus()).isEqualTo(status);
        assertThat(platform.getStatus()).as("the cached object is left alone").isNull();
    }

    @Test
    void anUnchangedStatusIsNotWrittenAgain() {
        var platform = TestPlatforms.withSpec("");
        var status = goodsAbsent(platform);
        platform.setStatus(status);

        assertThat(OrderPlatformReconciler.statusPatch(platform, status)).isEmpty();
    }

    private static OrderPlatformStatus goodsAbsent(OrderPlatform platform) {
        return Statuses.reconciled(
                platform,
                TestPlatforms.settings(""),
                StatusesTest.observed(List.of(Rollouts.absent("goods", 1)), null),
                Instant.EPOCH);
    }

    @Test
    void aConflictIsRetriedWithoutMarkingDegraded() {
        var platform = TestPlatforms.withSpec("");
        var conflict = new KubernetesClientException("the object has been modified", 409, null);

        // The context is never read for a conflict: nothing is observed, nothing is written.
        var control = new OrderPlatformReconciler(Clock.systemUTC()).updateErrorStatus(platform, null, conflict);

        assertThat(control.getResource()).isEmpty();
        assertThat(control.isDefaultErrorProcessing()).isFalse();
        assertThat(control.isNoRetry()).isFalse();
    }

    /** The API server bumps the generation on spec changes only: setting an annotation keeps it. */
    @Test
    void settingOrRemovingThePauseAnnotationTriggersAReconcileButStatusWritesDoNot() {
        var filter = new OrderPlatformReconciler.SpecOrPauseChanged();
        var platform = TestPlatforms.withSpec("");
        var paused = TestPlatforms.withSpec("");
        paused.getMetadata().setAnnotations(Map.of(OrderPlatformReconciler.PAUSE_ANNOTATION, "true"));
        var withStatus = TestPlatforms.withSpec("");
        withStatus.setStatus(Statuses.paused(platform, "x", Instant.EPOCH));
        var nextGeneration = TestPlatforms.withSpec("");
        nextGeneration.getMetadata().setGeneration(2L);

        assertThat(filter.accept(paused, platform)).isTrue();
        assertThat(filter.accept(platform, paused)).isTrue();
        assertThat(filter.accept(nextGeneration, platform)).isTrue();
        assertThat(filter.accept(withStatus, platform)).isFalse();
    }

    @Test
    void conflictsAreToldApartFromFailures() {
        var conflict = new KubernetesClientException("modified", 409, null);
        var unavailable = new KubernetesClientException("unavailable", 503, null);

        assertThat(OrderPlatformReconciler.isConflict(new IllegalStateException("wrapped", conflict)))
                .isTrue();
        assertThat(OrderPlatformReconciler.isConflict(
                        new AggregatedOperatorException("workflow", Map.of("goods", conflict, "order", conflict))))
                .isTrue();
        assertThat(OrderPlatformReconciler.isConflict(
                        new AggregatedOperatorException("workflow", Map.of("goods", conflict, "topics", unavailable))))
                .isFalse();
        assertThat(OrderPlatformReconciler.isConflict(unavailable)).isFalse();
    }
}
