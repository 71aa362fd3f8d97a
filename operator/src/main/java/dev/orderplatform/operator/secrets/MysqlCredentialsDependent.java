package dev.orderplatform.operator.secrets;

import dev.orderplatform.operator.mysql.MysqlResources;
import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.OrderPlatformSpec.DataRetention;
import dev.orderplatform.operator.platform.PlatformSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Only with managed MySQL: for an external one the user's Secret holds the credentials.
 *
 * <p>The one object without an owner reference: the passwords belong to the data. When the volumes
 * are retained, so is this Secret, and an OrderPlatform created again with the same name logs in to
 * its old database; with {@code dataRetention: Delete} it goes with the platform.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + MysqlResources.COMPONENT))
public class MysqlCredentialsDependent extends CRUDNoGCKubernetesDependentResource<Secret, OrderPlatform> {

  public MysqlCredentialsDependent() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(OrderPlatform primary, Context<OrderPlatform> context) {
    var existing = getSecondaryResource(primary, context).map(Secret::getData).orElse(null);
    return GeneratedSecrets.mysqlCredentials(PlatformSettings.of(primary), existing);
  }

  /** By name, not by {@link #desired}: desired() itself looks the existing Secret up. */
  @Override
  protected ResourceID targetSecondaryResourceID(OrderPlatform primary, Context<OrderPlatform> context) {
    var platform = PlatformSettings.of(primary);
    return new ResourceID(platform.generatedMysqlCredentialsSecret(), platform.namespace());
  }

  @Override
  protected void handleDelete(OrderPlatform primary, Secret secret, Context<OrderPlatform> context) {
    if (primary.getSpec() != null && primary.getSpec().dataRetention() == DataRetention.Delete) {
      super.handleDelete(primary, secret, context);
    }
  }
}
