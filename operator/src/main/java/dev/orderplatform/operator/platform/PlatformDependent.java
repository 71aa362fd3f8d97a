package dev.orderplatform.operator.platform;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/**
 * A Kubernetes object of the platform whose desired state is a pure function of the settings.
 * Subclasses name the builder; owner references, informers and matching come from JOSDK.
 */
public abstract class PlatformDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, OrderPlatform> {

  private final Function<PlatformSettings, R> builder;

  protected PlatformDependent(Class<R> type, Function<PlatformSettings, R> builder) {
    super(type);
    this.builder = builder;
  }

  @Override
  protected R desired(OrderPlatform primary, Context<OrderPlatform> context) {
    return builder.apply(PlatformSettings.of(primary));
  }
}
