package dev.orderplatform.operator.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.function.Function;

/**
 * A Kubernetes object of the platform whose desired state is a pure function of the settings.
 * Subclasses name the object and its builder; owner references, informers and matching come from JOSDK.
 */
public abstract class PlatformDependent<R extends HasMetadata>
        extends CRUDKubernetesDependentResource<R, OrderPlatform> {

    private final Function<PlatformSettings, String> objectName;
    private final Function<PlatformSettings, R> builder;

    protected PlatformDependent(
            Class<R> type, Function<PlatformSettings, String> name, Function<PlatformSettings, R> builder) {
        super(type);
        this.objectName = name;
        this.builder = builder;
    }

    @Override
    protected R desired(OrderPlatform primary, Context<OrderPlatform> context) {
        return builder.apply(PlatformSettings.of(primary));
    }

    /**
     * By name rather than through {@link #desired}: when a precondition turns false (managed MySQL
     * becomes external), JOSDK looks the object up to delete it, and its desired state no longer exists.
     */
    @Override
    protected ResourceID targetSecondaryResourceID(OrderPlatform primary, Context<OrderPlatform> context) {
        var platform = PlatformSettings.of(primary);
        return new ResourceID(objectName.apply(platform), platform.namespace());
    }
}
