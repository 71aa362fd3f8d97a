package dev.orderplatform.operator.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/** Looks up an object of the platform by type and name across all informers of that type. */
public final class Secondaries {

    private Secondaries() {}

    public static <R extends HasMetadata> Optional<R> find(Context<OrderPlatform> context, Class<R> type, String name) {
        return context.getSecondaryResourcesAsStream(type)
                .filter(resource -> name.equals(resource.getMetadata().getName()))
                .findFirst();
    }
}
