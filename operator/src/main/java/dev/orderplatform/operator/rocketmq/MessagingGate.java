package dev.orderplatform.operator.rocketmq;

import dev.orderplatform.operator.platform.NamedDependent;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformSettings;
import dev.orderplatform.operator.platform.Secondaries;
import dev.orderplatform.operator.platform.StatefulSets;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * A workflow node that creates nothing and is ready once the broker serves: the managed broker pod is
 * ready, or RocketMQ is external. The topics depend on it rather than on the broker node itself: JOSDK
 * deletes the dependents of a node whose reconcile precondition is false, and the managed nodes'
 * precondition is false in external mode.
 */
public class MessagingGate extends NamedDependent<Void> {

    public static boolean isOpen(PlatformSettings platform, Context<OrderPlatform> context) {
        return !platform.rocketmqManaged()
                || Secondaries.find(context, StatefulSet.class, RocketmqResources.brokerName(platform))
                        .map(StatefulSets::isReady)
                        .orElse(false);
    }

    @Override
    public ReconcileResult<Void> reconcile(OrderPlatform primary, Context<OrderPlatform> context) {
        return ReconcileResult.noOperation(null);
    }

    @Override
    public Class<Void> resourceType() {
        return Void.class;
    }

    /** The gate's ready postcondition. */
    public static class Open implements Condition<Void, OrderPlatform> {
        @Override
        public boolean isMet(
                DependentResource<Void, OrderPlatform> dependent,
                OrderPlatform primary,
                Context<OrderPlatform> context) {
            return isOpen(PlatformSettings.of(primary), context);
        }
    }
}
