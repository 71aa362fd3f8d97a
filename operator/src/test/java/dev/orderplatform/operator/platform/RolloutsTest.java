package dev.orderplatform.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.operator.platform.OrderPlatformStatus.Rollout;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import org.junit.jupiter.api.Test;

class RolloutsTest {

    @Test
    void deploymentWithAllNewPodsAvailableIsRolledOut() {
        var rollout = Rollouts.of(
                "goods",
                deployment(
                        2,
                        2,
                        new DeploymentStatusBuilder()
                                .withObservedGeneration(2L)
                                .withReplicas(2)
                                .withUpdatedReplicas(2)
                                .withReadyReplicas(2)
                                .withAvailableReplicas(2)));

        assertThat(rollout.rollout()).isEqualTo(Rollout.Complete);
        assertThat(rollout.message()).isEqualTo("rolled out");
        assertThat(rollout.ready()).isEqualTo(2);
        assertThat(rollout.desired()).isEqualTo(2);
    }

    /** A bad image: the new pod never becomes ready while the old one still serves. */
    @Test
    void stuckRolloutWithTheOldPodStillReadyIsInProgress() {
        var rollout = Rollouts.of(
                "goods",
                deployment(
                        2,
                        1,
                        new DeploymentStatusBuilder()
                                .withObservedGeneration(2L)
                                .withReplicas(2)
                                .withUpdatedReplicas(1)
                                .withReadyReplicas(1)
                                .withAvailableReplicas(1)));

        assertThat(rollout.rollout()).isEqualTo(Rollout.InProgress);
        assertThat(rollout.message()).isEqualTo("1 old replicas pending termination");
    }

    @Test
    void deploymentWaitsForNewReplicasAndTheirAvailabilityAndForItsSpecToBeObserved() {
        assertThat(Rollouts.of(
                                "goods",
                                deployment(
                                        3,
                                        2,
                                        new DeploymentStatusBuilder()
                                                .withObservedGeneration(3L)
                                                .withReplicas(2)
                                                .withUpdatedReplicas(1)
                                                .withReadyReplicas(2)
                                                .withAvailableReplicas(2)))
                        .message())
                .isEqualTo("1 of 2 new replicas updated");
        assertThat(Rollouts.of(
                                "goods",
                                deployment(
                                        3,
                                        2,
                                        new DeploymentStatusBuilder()
                                                .withObservedGeneration(3L)
                                                .withReplicas(2)
                                                .withUpdatedReplicas(2)
                                                .withReadyReplicas(1)
                                                .withAvailableReplicas(1)))
                        .message())
                .isEqualTo("1 of 2 updated replicas available");
        var unobserved = Rollouts.of(
                "goods",
                deployment(
                        4,
                        1,
                        new DeploymentStatusBuilder()
                                .withObservedGeneration(3L)
                                .withReplicas(1)
                                .withUpdatedReplicas(1)
                                .withReadyReplicas(1)
                                .withAvailableReplicas(1)));
        assertThat(unobserved.rollout()).isEqualTo(Rollout.InProgress);
        assertThat(unobserved.message()).contains("spec update to be observed");
    }

    @Test
    void progressDeadlineExceededIsAFailedRollout() {
        var rollout = Rollouts.of(
                "order",
                deployment(
                        2,
                        1,
                        new DeploymentStatusBuilder()
                                .withObservedGeneration(2L)
                                .withReplicas(2)
                                .withUpdatedReplicas(1)
                                .withReadyReplicas(1)
                                .withAvailableReplicas(1)
                                .addNewCondition()
                                .withType("Progressing")
                                .withStatus("False")
                                .withReason("ProgressDeadlineExceeded")
                                .endCondition()));

        assertThat(rollout.rollout()).isEqualTo(Rollout.Failed);
        assertThat(rollout.message()).isEqualTo("deployment shop-order exceeded its progress deadline");
    }

    @Test
    void statefulSetIsRolledOutWhenEveryPodRunsTheUpdateRevision() {
        var updating = Rollouts.of(
                "mysql",
                statefulSet(
                        2,
                        1,
                        new StatefulSetStatusBuilder()
                                .withObservedGeneration(2L)
                                .withReplicas(1)
                                .withReadyReplicas(1)
                                .withUpdatedReplicas(0)
                                .withCurrentRevision("shop-mysql-1")
                                .withUpdateRevision("shop-mysql-2")));
        var done = Rollouts.of(
                "mysql",
                statefulSet(
                        2,
                        1,
                        new StatefulSetStatusBuilder()
                                .withObservedGeneration(2L)
                                .withReplicas(1)
                                .withReadyReplicas(1)
                                .withUpdatedReplicas(1)
                                .withCurrentRevision("shop-mysql-2")
                                .withUpdateRevision("shop-mysql-2")));

        assertThat(updating.rollout()).isEqualTo(Rollout.InProgress);
        assertThat(updating.message()).isEqualTo("0 of 1 pods at revision shop-mysql-2");
        assertThat(done.rollout()).isEqualTo(Rollout.Complete);
    }

    @Test
    void statefulSetWaitsForReadyPodsAndForItsSpecToBeObserved() {
        assertThat(Rollouts.of(
                                "nameserver",
                                statefulSet(
                                        1,
                                        3,
                                        new StatefulSetStatusBuilder()
                                                .withObservedGeneration(1L)
                                                .withReplicas(3)
                                                .withReadyReplicas(2)
                                                .withCurrentRevision("r1")
                                                .withUpdateRevision("r1")))
                        .message())
                .isEqualTo("1 pods not ready");
        assertThat(Rollouts.of(
                                "nameserver",
                                statefulSet(
                                        2,
                                        1,
                                        new StatefulSetStatusBuilder()
                                                .withObservedGeneration(1L)
                                                .withReplicas(1)
                                                .withReadyReplicas(1)
                                                .withCurrentRevision("r1")
                                                .withUpdateRevision("r1")))
                        .rollout())
                .isEqualTo(Rollout.InProgress);
        assertThat(Rollouts.of(
                                "nameserver",
                                statefulSet(
                                        1,
                                        1,
                                        new StatefulSetStatusBuilder()
                                                .withReplicas(1)
                                                .withReadyReplicas(1)
                                                .withCurrentRevision("r1")
                                                .withUpdateRevision("r1")))
                        .rollout())
                .as("no generation observed yet")
                .isEqualTo(Rollout.InProgress);
    }

    private static Deployment deployment(long generation, int replicas, DeploymentStatusBuilder status) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("shop-order")
                .withGeneration(generation)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .endSpec()
                .withStatus(status.build())
                .build();
    }

    private static StatefulSet statefulSet(long generation, int replicas, StatefulSetStatusBuilder status) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName("shop-mysql")
                .withGeneration(generation)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .endSpec()
                .withStatus(status.build())
                .build();
    }
}
