package dev.orderplatform.operator.platform;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * A StatefulSet of the platform. Its volume claim templates are immutable once created: a changed
 * storage size or class in the spec would only make every update fail. They are kept as created;
 * an existing volume is resized through its PersistentVolumeClaim.
 */
public abstract class StatefulSetDependent extends PlatformDependent<StatefulSet> {

  protected StatefulSetDependent(Function<PlatformSettings, String> name,
      Function<PlatformSettings, StatefulSet> builder) {
    super(StatefulSet.class, name, builder);
  }

  @Override
  protected StatefulSet desired(OrderPlatform primary, Context<OrderPlatform> context) {
    var desired = super.desired(primary, context);
    getSecondaryResource(primary, context).ifPresent(actual ->
        desired.getSpec().setVolumeClaimTemplates(actual.getSpec().getVolumeClaimTemplates()));
    return desired;
  }
}
