package dev.orderplatform.operator.platform;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;

/** The recommended Kubernetes labels, put on every object the operator creates. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    public static final String PART_OF_VALUE = "orderplatform";
    public static final String MANAGED_BY_VALUE = "orderplatform-operator";

    /**
     * Label selector of a dependent's informer, completed with a component name: each informer watches
     * only the operator's objects of its own component, not every Secret of the cluster, and no object
     * sits in two informers' caches that could disagree about it.
     */
    public static final String MANAGED_COMPONENT_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE + "," + NAME + "=";

    private Labels() {}

    /** Labels that select the pods of one component of one platform; stable, so usable as a selector. */
    public static Map<String, String> selector(PlatformSettings platform, String component) {
        return Map.of(NAME, component, INSTANCE, platform.name());
    }

    public static Map<String, String> of(PlatformSettings platform, String component) {
        return Map.of(
                NAME,
                component,
                INSTANCE,
                platform.name(),
                COMPONENT,
                component,
                PART_OF,
                PART_OF_VALUE,
                MANAGED_BY,
                MANAGED_BY_VALUE);
    }

    public static ObjectMeta metadata(PlatformSettings platform, String component, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(platform.namespace())
                .withLabels(of(platform, component))
                .build();
    }
}
