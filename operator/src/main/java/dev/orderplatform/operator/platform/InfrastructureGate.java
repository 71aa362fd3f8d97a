package dev.orderplatform.operator.platform;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * A workflow node that creates nothing and is ready when a piece of infrastructure can be used,
 * managed or external. The services depend on gates rather than on the MySQL or broker nodes
 * themselves: JOSDK deletes the dependents of a node whose reconcile precondition is false, and
 * the managed nodes' precondition is false in external mode.
 */
public abstract class InfrastructureGate extends NamedDependent<Void> {

  /** Whether the infrastructure behind this gate serves; external infrastructure is taken as serving. */
  protected abstract boolean isAvailable(PlatformSettings platform, Context<OrderPlatform> context);

  @Override
  public ReconcileResult<Void> reconcile(OrderPlatform primary, Context<OrderPlatform> context) {
    return ReconcileResult.noOperation(null);
  }

  @Override
  public Class<Void> resourceType() {
    return Void.class;
  }

  /** The ready postcondition of every gate. */
  public static class Open implements Condition<Void, OrderPlatform> {
    @Override
    public boolean isMet(DependentResource<Void, OrderPlatform> dependent, OrderPlatform primary,
        Context<OrderPlatform> context) {
      return ((InfrastructureGate) dependent).isAvailable(PlatformSettings.of(primary), context);
    }
  }
}
