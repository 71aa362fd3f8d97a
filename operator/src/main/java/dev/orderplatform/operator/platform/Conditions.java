package dev.orderplatform.operator.platform;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Workflow conditions shared by several dependents. */
public final class Conditions {

    private Conditions() {}

    /** Reconcile precondition of the MySQL objects: absent when the database is external. */
    public static class MysqlManaged implements Condition<Object, OrderPlatform> {
        @Override
        public boolean isMet(
                DependentResource<Object, OrderPlatform> dependent,
                OrderPlatform primary,
                Context<OrderPlatform> context) {
            return PlatformSettings.of(primary).mysqlManaged();
        }
    }

    /** Reconcile precondition of the RocketMQ objects: absent when the broker is external. */
    public static class RocketmqManaged implements Condition<Object, OrderPlatform> {
        @Override
        public boolean isMet(
                DependentResource<Object, OrderPlatform> dependent,
                OrderPlatform primary,
                Context<OrderPlatform> context) {
            return PlatformSettings.of(primary).rocketmqManaged();
        }
    }

    /** Reconcile precondition of the NetworkPolicy: there is something of ours to protect. */
    public static class AnyInfrastructureManaged implements Condition<Object, OrderPlatform> {
        @Override
        public boolean isMet(
                DependentResource<Object, OrderPlatform> dependent,
                OrderPlatform primary,
                Context<OrderPlatform> context) {
            var platform = PlatformSettings.of(primary);
            return platform.mysqlManaged() || platform.rocketmqManaged();
        }
    }

    /** Ready postcondition of a StatefulSet: its pods are ready. */
    public static class StatefulSetReady implements Condition<StatefulSet, OrderPlatform> {
        @Override
        public boolean isMet(
                DependentResource<StatefulSet, OrderPlatform> dependent,
                OrderPlatform primary,
                Context<OrderPlatform> context) {
            return dependent
                    .getSecondaryResource(primary, context)
                    .map(StatefulSets::isReady)
                    .orElse(false);
        }
    }
}
