package dev.orderplatform.operator.services;

import dev.orderplatform.operator.mysql.DatabaseGate;
import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import dev.orderplatform.operator.platform.PlatformDependent;
import dev.orderplatform.operator.platform.PlatformSettings;
import dev.orderplatform.operator.rocketmq.MessagingGate;
import dev.orderplatform.operator.rocketmq.TopicsState;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * One Deployment, one Service and one PodDisruptionBudget per application service, and the NetworkPolicy
 * of their gRPC ports; JOSDK wants a class per workflow node. The informers' selectors name the component
 * as {@link AppService#id()} does.
 */
public final class AppServiceDependents {

    private AppServiceDependents() {}

    /**
     * Reconcile precondition of the Deployments: the first creation waits until the database serves,
     * the broker serves and the topics exist (services started earlier crash-loop); afterwards a
     * Deployment is always reconciled, so a fix rolls out while MySQL or the broker restarts. An unmet
     * precondition makes JOSDK delete the object, which is then only ever one that does not exist.
     */
    public static class CreatedOnceInfrastructureServes implements Condition<Deployment, OrderPlatform> {
        @Override
        public boolean isMet(
                DependentResource<Deployment, OrderPlatform> dependent,
                OrderPlatform primary,
                Context<OrderPlatform> context) {
            return dependent.getSecondaryResource(primary, context).isPresent()
                    || infrastructureServes(PlatformSettings.of(primary), context);
        }
    }

    static boolean infrastructureServes(PlatformSettings platform, Context<OrderPlatform> context) {
        return DatabaseGate.isOpen(platform, context)
                && MessagingGate.isOpen(platform, context)
                && context.getSecondaryResource(TopicsState.class)
                        .map(topics -> topics.waitingFor() == null)
                        .orElse(false);
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "goods"))
    public static class GoodsDeployment extends PlatformDependent<Deployment> {
        public GoodsDeployment() {
            super(
                    Deployment.class,
                    platform -> AppServiceResources.name(platform, AppService.GOODS),
                    platform -> AppServiceResources.deployment(platform, AppService.GOODS));
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "inventory"))
    public static class InventoryDeployment extends PlatformDependent<Deployment> {
        public InventoryDeployment() {
            super(
                    Deployment.class,
                    platform -> AppServiceResources.name(platform, AppService.INVENTORY),
                    platform -> AppServiceResources.deployment(platform, AppService.INVENTORY));
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "order"))
    public static class OrderDeployment extends PlatformDependent<Deployment> {
        public OrderDeployment() {
            super(
                    Deployment.class,
                    platform -> AppServiceResources.name(platform, AppService.ORDER),
                    platform -> AppServiceResources.deployment(platform, AppService.ORDER));
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "goods"))
    public static class GoodsService extends PlatformDependent<Service> {
        public GoodsService() {
            super(
                    Service.class,
                    platform -> AppServiceResources.name(platform, AppService.GOODS),
                    platform -> AppServiceResources.service(platform, AppService.GOODS));
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "inventory"))
    public static class InventoryService extends PlatformDependent<Service> {
        public InventoryService() {
            super(
                    Service.class,
                    platform -> AppServiceResources.name(platform, AppService.INVENTORY),
                    platform -> AppServiceResources.service(platform, AppService.INVENTORY));
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "order"))
    public static class OrderService extends PlatformDependent<Service> {
        public OrderService() {
            super(
                    Service.class,
                    platform -> AppServiceResources.name(platform, AppService.ORDER),
                    platform -> AppServiceResources.service(platform, AppService.ORDER));
        }
    }

    /** A service's PodDisruptionBudget: it exists only while the service runs more than one pod. */
    public abstract static class DisruptionBudget extends PlatformDependent<PodDisruptionBudget> {
        private final AppService service;

        protected DisruptionBudget(AppService service) {
            super(
                    PodDisruptionBudget.class,
                    platform -> AppServiceResources.name(platform, service),
                    platform -> AppServiceResources.disruptionBudget(platform, service));
            this.service = service;
        }
    }

    /**
     * Reconcile precondition of a {@link DisruptionBudget}. With one pod, a budget of one unavailable pod still lets
     * a drain take the service down, and a stricter one would block the drain for good: no budget then.
     */
    public static class Replicated implements Condition<PodDisruptionBudget, OrderPlatform> {
        @Override
        public boolean isMet(
                DependentResource<PodDisruptionBudget, OrderPlatform> dependent,
                OrderPlatform primary,
                Context<OrderPlatform> context) {
            return AppServiceResources.replicated(PlatformSettings.of(primary), ((DisruptionBudget) dependent).service);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "goods"))
    public static class GoodsDisruptionBudget extends DisruptionBudget {
        public GoodsDisruptionBudget() {
            super(AppService.GOODS);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "inventory"))
    public static class InventoryDisruptionBudget extends DisruptionBudget {
        public InventoryDisruptionBudget() {
            super(AppService.INVENTORY);
        }
    }

    @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "order"))
    public static class OrderDisruptionBudget extends DisruptionBudget {
        public OrderDisruptionBudget() {
            super(AppService.ORDER);
        }
    }

    @KubernetesDependent(
            informer =
                    @Informer(
                            labelSelector = Labels.MANAGED_COMPONENT_SELECTOR
                                    + AppServiceResources.GRPC_NETWORK_POLICY_COMPONENT))
    public static class GrpcNetworkPolicy extends PlatformDependent<NetworkPolicy> {
        public GrpcNetworkPolicy() {
            super(
                    NetworkPolicy.class,
                    AppServiceResources::grpcNetworkPolicyName,
                    AppServiceResources::grpcNetworkPolicy);
        }
    }
}
