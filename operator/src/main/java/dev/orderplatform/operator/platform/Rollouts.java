package dev.orderplatform.operator.platform;

import dev.orderplatform.operator.platform.OrderPlatformStatus.ComponentStatus;
import dev.orderplatform.operator.platform.OrderPlatformStatus.Rollout;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Objects;

/**
 * Where a workload's rollout stands, decided as {@code kubectl rollout status} decides it: ready pods
 * alone say nothing about a rollout whose new pods never start while the old ones still serve.
 */
public final class Rollouts {

    public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    /** Always a message, so a component's status keeps its shape (the fabric8 mock's JSON patches rely on it). */
    public static final String ROLLED_OUT = "rolled out";

    private Rollouts() {}

    /** A component whose object does not exist (yet). */
    public static ComponentStatus absent(String component, int desired) {
        return new ComponentStatus(component, 0, desired, Rollout.InProgress, "not created yet");
    }

    public static ComponentStatus of(String component, Deployment deployment) {
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        var status = deployment.getStatus();
        if (status == null) {
            return new ComponentStatus(component, 0, desired, Rollout.InProgress, "waiting for the rollout to start");
        }
        int ready = orZero(status.getReadyReplicas());
        if (orZero(deployment.getMetadata().getGeneration()) > orZero(status.getObservedGeneration())) {
            return inProgress(component, ready, desired, "waiting for the deployment spec update to be observed");
        }
        boolean deadlineExceeded = status.getConditions() != null
                && status.getConditions().stream()
                        .anyMatch(condition -> "Progressing".equals(condition.getType())
                                && PROGRESS_DEADLINE_EXCEEDED.equals(condition.getReason()));
        if (deadlineExceeded) {
            return new ComponentStatus(
                    component,
                    ready,
                    desired,
                    Rollout.Failed,
                    "deployment " + deployment.getMetadata().getName() + " exceeded its progress deadline");
        }
        int updated = orZero(status.getUpdatedReplicas());
        if (updated < desired) {
            return inProgress(component, ready, desired, updated + " of " + desired + " new replicas updated");
        }
        if (orZero(status.getReplicas()) > updated) {
            return inProgress(
                    component,
                    ready,
                    desired,
                    (orZero(status.getReplicas()) - updated) + " old replicas pending termination");
        }
        if (orZero(status.getAvailableReplicas()) < updated) {
            return inProgress(
                    component,
                    ready,
                    desired,
                    orZero(status.getAvailableReplicas()) + " of " + updated + " updated replicas available");
        }
        return new ComponentStatus(component, ready, desired, Rollout.Complete, ROLLED_OUT);
    }

    public static ComponentStatus of(String component, StatefulSet statefulSet) {
        int desired = Objects.requireNonNullElse(statefulSet.getSpec().getReplicas(), 1);
        var status = statefulSet.getStatus();
        if (status == null) {
            return new ComponentStatus(component, 0, desired, Rollout.InProgress, "waiting for the rollout to start");
        }
        int ready = orZero(status.getReadyReplicas());
        long observed = orZero(status.getObservedGeneration());
        if (observed == 0 || orZero(statefulSet.getMetadata().getGeneration()) > observed) {
            return inProgress(component, ready, desired, "waiting for the statefulset spec update to be observed");
        }
        if (ready < desired) {
            return inProgress(component, ready, desired, (desired - ready) + " pods not ready");
        }
        if (!Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())) {
            return inProgress(
                    component,
                    ready,
                    desired,
                    orZero(status.getUpdatedReplicas()) + " of " + desired + " pods at revision "
                            + status.getUpdateRevision());
        }
        return new ComponentStatus(component, ready, desired, Rollout.Complete, ROLLED_OUT);
    }

    private static ComponentStatus inProgress(String component, int ready, int desired, String message) {
        return new ComponentStatus(component, ready, desired, Rollout.InProgress, message);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
