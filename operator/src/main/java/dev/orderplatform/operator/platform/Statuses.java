package dev.orderplatform.operator.platform;

import dev.orderplatform.operator.monitoring.MonitoringDependents;
import dev.orderplatform.operator.monitoring.MonitoringResources;
import dev.orderplatform.operator.platform.OrderPlatformStatus.ComponentStatus;
import dev.orderplatform.operator.platform.OrderPlatformStatus.Rollout;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes the status from what was observed. Pure: the same observations and previous status give
 * an equal status, so the reconciler can skip the write (no hot loop), and a condition's
 * lastTransitionTime moves only when its status flips.
 */
public final class Statuses {

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    /** Present while a spec change cannot be applied and is ignored. */
    public static final String WARNING = "Warning";
    /** Present while spec.monitoring.enabled is true. */
    public static final String MONITORING_READY = "MonitoringReady";
    /** Present while the pause annotation is set. */
    public static final String RECONCILIATION_PAUSED = "ReconciliationPaused";

    public static final String PAUSED = "Paused";

    private Statuses() {}

    /**
     * What the workflow's run found.
     *
     * @param components the rollout of each component
     * @param topicsWaitingFor why the topics are not usable yet, null when they are
     * @param ignoredChanges spec changes that cannot be applied to what exists, one sentence each
     * @param monitoring what became of spec.monitoring.enabled
     */
    public record Observed(
            List<ComponentStatus> components,
            String topicsWaitingFor,
            List<String> ignoredChanges,
            Monitoring monitoring) {}

    /** The PodMonitor and PrometheusRule: not asked for, applied, or asked for where they cannot exist. */
    public enum Monitoring {
        DISABLED,
        APPLIED,
        PROMETHEUS_OPERATOR_NOT_INSTALLED
    }

    /**
     * The workflow ran: ready when every component is rolled out with its pods ready and the topics
     * exist; degraded when a rollout failed.
     */
    public static OrderPlatformStatus reconciled(
            OrderPlatform platform, PlatformSettings settings, Observed observed, Instant now) {
        var components = observed.components();
        var failed = components.stream()
                .filter(component -> component.rollout() == Rollout.Failed)
                .map(component -> component.name() + ": " + component.message())
                .toList();
        if (!failed.isEmpty()) {
            return degraded(
                    platform,
                    Rollouts.PROGRESS_DEADLINE_EXCEEDED,
                    String.join("; ", failed),
                    components,
                    settings.orderEndpoint(),
                    warning(platform, observed, now),
                    now);
        }
        var waitingFor = components.stream()
                .filter(component -> !component.rolledOut())
                .map(component -> component.name() + " (" + component.ready() + "/" + component.desired()
                        + (component.message() == null ? "" : ", " + component.message()) + ")")
                .collect(Collectors.toList());
        if (observed.topicsWaitingFor() != null) {
            waitingFor.add("topics (" + observed.topicsWaitingFor() + ")");
        }
        boolean ready = waitingFor.isEmpty();
        String waiting = "Waiting for " + String.join(", ", waitingFor);
        var conditions = new ArrayList<>(List.of(
                ready
                        ? condition(platform, READY, "True", "AllComponentsReady", "All components are ready", now)
                        : condition(platform, READY, "False", "ComponentsNotReady", waiting, now),
                ready
                        ? condition(platform, PROGRESSING, "False", "Reconciled", "Spec is rolled out", now)
                        : condition(platform, PROGRESSING, "True", "RollingOut", waiting, now),
                condition(platform, DEGRADED, "False", "Reconciled", "No problem found", now)));
        monitoring(platform, settings, observed.monitoring(), now).ifPresent(conditions::add);
        warning(platform, observed, now).ifPresent(conditions::add);
        return status(platform, ready ? READY : PROGRESSING, components, settings.orderEndpoint(), conditions);
    }

    /** Monitoring is an extra: it never makes the platform less Ready, it has a condition of its own. */
    private static Optional<Condition> monitoring(
            OrderPlatform platform, PlatformSettings settings, Monitoring monitoring, Instant now) {
        return switch (monitoring) {
            case DISABLED -> Optional.empty();
            case APPLIED ->
                Optional.of(condition(
                        platform,
                        MONITORING_READY,
                        "True",
                        "MonitorsApplied",
                        "PodMonitor " + MonitoringResources.podMonitorName(settings) + " and PrometheusRule "
                                + MonitoringResources.prometheusRuleName(settings) + " are applied",
                        now));
            case PROMETHEUS_OPERATOR_NOT_INSTALLED ->
                Optional.of(condition(
                        platform,
                        MONITORING_READY,
                        "False",
                        "PrometheusOperatorNotInstalled",
                        "monitoring.enabled is true, but the Prometheus Operator's CRDs (podmonitors and "
                                + "prometheusrules.monitoring.coreos.com) are not installed: no PodMonitor or "
                                + "PrometheusRule is created. Install the Prometheus Operator; the operator looks "
                                + "again every " + MonitoringDependents.RECHECK.toSeconds() + " s",
                        now));
        };
    }

    private static Optional<Condition> warning(OrderPlatform platform, Observed observed, Instant now) {
        if (observed.ignoredChanges().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(condition(
                platform, WARNING, "True", "SpecChangeIgnored", String.join(" ", observed.ignoredChanges()), now));
    }

    /**
     * Reconciliation is paused by annotation: nothing was looked at or changed. The last observations
     * stay, with their generation; Ready becomes Unknown (nobody looks) and a condition says why.
     */
    public static OrderPlatformStatus paused(OrderPlatform platform, String annotation, Instant now) {
        var previous = platform.getStatus();
        String message = "Reconciliation is paused by the annotation " + annotation + ": the operator changes nothing";
        var conditions = new ArrayList<Condition>();
        conditions.add(condition(platform, READY, "Unknown", RECONCILIATION_PAUSED, message, now));
        if (previous != null && previous.conditions() != null) {
            previous.conditions().stream()
                    .filter(c -> !READY.equals(c.getType()) && !RECONCILIATION_PAUSED.equals(c.getType()))
                    .forEach(conditions::add);
        }
        conditions.add(condition(platform, RECONCILIATION_PAUSED, "True", "AnnotationSet", message, now));
        return previous == null
                ? new OrderPlatformStatus(null, PAUSED, null, null, null, conditions)
                : new OrderPlatformStatus(
                        previous.observedGeneration(),
                        PAUSED,
                        previous.readyComponents(),
                        previous.components(),
                        previous.orderEndpoint(),
                        conditions);
    }

    /** The spec cannot be built; nothing was changed and nothing will be until the spec is fixed. */
    public static OrderPlatformStatus invalidSpec(OrderPlatform platform, InvalidSpecException problem, Instant now) {
        return degraded(
                platform,
                "InvalidSpec",
                "Invalid spec: " + problem.getMessage(),
                List.of(),
                null,
                Optional.empty(),
                now);
    }

    /** Reconciling failed (an API call, the RocketMQ admin); JOSDK retries with back-off. */
    public static OrderPlatformStatus failed(
            OrderPlatform platform, List<ComponentStatus> components, String endpoint, String message, Instant now) {
        return degraded(platform, "ReconcileFailed", message, components, endpoint, Optional.empty(), now);
    }

    private static OrderPlatformStatus degraded(
            OrderPlatform platform,
            String reason,
            String message,
            List<ComponentStatus> components,
            String endpoint,
            Optional<Condition> warning,
            Instant now) {
        var conditions = new ArrayList<>(List.of(
                condition(platform, READY, "False", reason, message, now),
                condition(platform, PROGRESSING, "False", reason, message, now),
                condition(platform, DEGRADED, "True", reason, message, now)));
        warning.ifPresent(conditions::add);
        return status(platform, DEGRADED, components, endpoint, conditions);
    }

    private static OrderPlatformStatus status(
            OrderPlatform platform,
            String phase,
            List<ComponentStatus> components,
            String endpoint,
            List<Condition> conditions) {
        long ready = components.stream().filter(ComponentStatus::rolledOut).count();
        return new OrderPlatformStatus(
                platform.getMetadata().getGeneration(),
                phase,
                components.isEmpty() ? null : ready + "/" + components.size(),
                components.isEmpty() ? null : components,
                endpoint,
                conditions);
    }

    private static Condition condition(
            OrderPlatform platform, String type, String status, String reason, String message, Instant now) {
        String lastTransition = previous(platform, type)
                .filter(previous -> status.equals(previous.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(platform.getMetadata().getGeneration())
                .withLastTransitionTime(lastTransition)
                .build();
    }

    private static Optional<Condition> previous(OrderPlatform platform, String type) {
        var status = platform.getStatus();
        if (status == null || status.conditions() == null) {
            return Optional.empty();
        }
        return status.conditions().stream()
                .filter(c -> Objects.equals(type, c.getType()))
                .findFirst();
    }
}
