package dev.orderplatform.operator.platform;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * Makes the status' {@code conditions} a list-map keyed by type, as Kubernetes' own conditions are:
 * server-side apply then merges them per type. The CRD generator has no annotation for the list type
 * of a field whose element class it does not own ({@link io.fabric8.kubernetes.api.model.Condition}),
 * and its merge-patch customizer replaces whole maps. A map key must be required.
 */
public class ConditionsListMap implements SchemaCustomizer.Customizer {

    @Override
    public JSONSchemaProps apply(JSONSchemaProps status, String input, KubernetesSerialization serialization) {
        var conditions = status.getProperties().get("conditions");
        conditions.setXKubernetesListType("map");
        conditions.setXKubernetesListMapKeys(List.of("type"));
        conditions.getItems().getSchema().setRequired(List.of("type", "status"));
        return status;
    }
}
