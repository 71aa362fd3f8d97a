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
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * One Deployment and one Service per application service; JOSDK wants a class per workflow node.
 * The informers' selectors name the component as {@link AppService#id()} does.
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
    public boolean isMet(DependentResource<Deployment, OrderPlatform> dependent, OrderPlatform primary,
        Context<OrderPlatform> context) {
      return dependent.getSecondaryResource(primary, context).isPresent()
          || infrastructureServes(PlatformSettings.of(primary), context);
    }
  }

  static boolean infrastructureServes(PlatformSettings platform, Context<OrderPlatform> context) {
    return DatabaseGate.isOpen(platform, context) && MessagingGate.isOpen(platform, context)
        && context.getSecondaryResource(TopicsState.class).map(topics -> topics.waitingFor() == null).orElse(false);
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "goods"))
  public static class GoodsDeployment extends PlatformDependent<Deployment> {
    public GoodsDeployment() {
      super(Deployment.class, platform -> AppServiceResources.name(platform, AppService.GOODS),
          platform -> AppServiceResources.deployment(platform, AppService.GOODS));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "inventory"))
  public static class InventoryDeployment extends PlatformDependent<Deployment> {
    public InventoryDeployment() {
      super(Deployment.class, platform -> AppServiceResources.name(platform, AppService.INVENTORY),
          platform -> AppServiceResources.deployment(platform, AppService.INVENTORY));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "order"))
  public static class OrderDeployment extends PlatformDependent<Deployment> {
    public OrderDeployment() {
      super(Deployment.class, platform -> AppServiceResources.name(platform, AppService.ORDER),
          platform -> AppServiceResources.deployment(platform, AppService.ORDER));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "goods"))
  public static class GoodsService extends PlatformDependent<Service> {
    public GoodsService() {
      super(Service.class, platform -> AppServiceResources.name(platform, AppService.GOODS),
          platform -> AppServiceResources.service(platform, AppService.GOODS));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "inventory"))
  public static class InventoryService extends PlatformDependent<Service> {
    public InventoryService() {
      super(Service.class, platform -> AppServiceResources.name(platform, AppService.INVENTORY),
          platform -> AppServiceResources.service(platform, AppService.INVENTORY));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + "order"))
  public static class OrderService extends PlatformDependent<Service> {
    public OrderService() {
      super(Service.class, platform -> AppServiceResources.name(platform, AppService.ORDER),
          platform -> AppServiceResources.service(platform, AppService.ORDER));
    }
  }
}
