package dev.orderplatform.operator.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What is true, as last observed by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = ConditionsListMap.class, input = "")
public record OrderPlatformStatus(
        @JsonPropertyDescription("The metadata.generation this status describes.")
        Long observedGeneration,

        @JsonPropertyDescription("Ready, Progressing, Degraded or Paused: a one-word summary of the conditions.")
        String phase,

        @JsonPropertyDescription("Components rolled out with all pods ready, out of all components, e.g. 6/6.")
        String readyComponents,

        @JsonPropertyDescription("Ready and desired pods and the rollout of each component.")
        List<ComponentStatus> components,

        @JsonPropertyDescription("Base URL of the order service's HTTP API inside the cluster.")
        String orderEndpoint,

        @JsonPropertyDescription("Ready, Progressing and Degraded, following the Kubernetes condition conventions; "
                + "Warning while a spec change is ignored, ReconciliationPaused while the pause annotation is set.")
        List<Condition> conditions) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComponentStatus(
            String name,
            int ready,
            int desired,

            @JsonPropertyDescription("Complete, InProgress or Failed, as kubectl rollout status would say.")
            Rollout rollout,

            @JsonPropertyDescription("What the rollout waits for, or why it failed.")
            String message) {

        public boolean rolledOut() {
            return rollout == Rollout.Complete;
        }
    }

    public enum Rollout {
        Complete,
        InProgress,
        Failed
    }
}
