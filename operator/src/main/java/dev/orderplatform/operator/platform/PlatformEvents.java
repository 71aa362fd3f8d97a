package dev.orderplatform.operator.platform;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubernetes Events ({@code events.k8s.io/v1}) that {@code kubectl describe op} lists: one per
 * phase change, and one per new failure (a Degraded condition whose message changed). Pure: the
 * reconciler publishes what it is given.
 */
public final class PlatformEvents {

    public static final String REPORTING_CONTROLLER = "orderplatform.dev/operator";

    private static final int MAX_NOTE_LENGTH = 1024;
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private PlatformEvents() {}

    /** The Event telling what changed from one status to the next, if anything a user should hear of did. */
    public static Optional<Event> forTransition(
            OrderPlatform platform,
            OrderPlatformStatus previous,
            OrderPlatformStatus next,
            Instant now,
            String reportingInstance) {
        String previousPhase = previous == null ? null : previous.phase();
        boolean phaseChanged = !Objects.equals(previousPhase, next.phase());
        boolean newFailure = Statuses.DEGRADED.equals(next.phase())
                && !Objects.equals(degradedMessage(previous), degradedMessage(next));
        if (!phaseChanged && !newFailure) {
            return Optional.empty();
        }
        Condition ready = condition(next, Statuses.READY).orElseThrow();
        String note = next.phase() + ": " + ready.getMessage();
        return Optional.of(new EventBuilder()
                .withNewMetadata()
                // as client-go names events: <object>.<unix nanos in hex>
                .withName(platform.getMetadata().getName() + "."
                        + Long.toHexString(now.getEpochSecond() * 1_000_000_000 + now.getNano()))
                .withNamespace(platform.getMetadata().getNamespace())
                .endMetadata()
                .withRegarding(new ObjectReferenceBuilder()
                        .withApiVersion(platform.getApiVersion())
                        .withKind(platform.getKind())
                        .withNamespace(platform.getMetadata().getNamespace())
                        .withName(platform.getMetadata().getName())
                        .withUid(platform.getMetadata().getUid())
                        .build())
                .withType(Statuses.DEGRADED.equals(next.phase()) ? "Warning" : "Normal")
                .withReason(ready.getReason())
                .withAction("Reconcile")
                .withNote(note.length() > MAX_NOTE_LENGTH ? note.substring(0, MAX_NOTE_LENGTH - 3) + "..." : note)
                .withEventTime(new MicroTime(MICRO_TIME.format(now)))
                .withReportingController(REPORTING_CONTROLLER)
                .withReportingInstance(reportingInstance)
                .build());
    }

    private static String degradedMessage(OrderPlatformStatus status) {
        return condition(status, Statuses.DEGRADED)
                .filter(degraded -> "True".equals(degraded.getStatus()))
                .map(Condition::getMessage)
                .orElse(null);
    }

    private static Optional<Condition> condition(OrderPlatformStatus status, String type) {
        if (status == null || status.conditions() == null) {
            return Optional.empty();
        }
        return status.conditions().stream()
                .filter(condition -> type.equals(condition.getType()))
                .findFirst();
    }
}
