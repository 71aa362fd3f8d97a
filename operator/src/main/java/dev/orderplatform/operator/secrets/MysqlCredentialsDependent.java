package dev.orderplatform.operator.secrets;

import dev.orderplatform.operator.mysql.MysqlResources;
import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.OrderPlatformSpec.DataRetention;
import dev.orderplatform.operator.platform.PlatformSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Only with managed MySQL: for an external one the user's Secret holds the credentials.
 *
 * <p>The passwords belong to the data. When the volumes are retained, so is this Secret (no owner
 * reference), and an OrderPlatform created again with the same name logs in to its old database; with
 * {@code dataRetention: Delete} it is owned by the platform and garbage-collected with it. Owner
 * references rather than a finalizer (as Strimzi does): deletion needs no running operator. Hence
 * no {@code Deleter} either: JOSDK adds a finalizer for any dependent it must delete itself. When
 * MySQL becomes external, the Secret stays, and goes with the platform if owned by it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + MysqlResources.COMPONENT))
public class MysqlCredentialsDependent extends KubernetesDependentResource<Secret, OrderPlatform>
        implements Creator<Secret, OrderPlatform>, Updater<Secret, OrderPlatform> {

    public MysqlCredentialsDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(OrderPlatform primary, Context<OrderPlatform> context) {
        var existing =
                getSecondaryResource(primary, context).map(Secret::getData).orElse(null);
        var settings = PlatformSettings.of(primary);
        return ownedPerRetention(
                GeneratedSecrets.mysqlCredentials(settings, existing), primary, settings.dataRetention());
    }

    /** The Secret, owned by the platform only when the platform's data goes with it. */
    static Secret ownedPerRetention(Secret secret, OrderPlatform platform, DataRetention retention) {
        if (retention == DataRetention.Delete) {
            secret.addOwnerReference(platform);
        }
        return secret;
    }

    /** By name, not by {@link #desired}: desired() itself looks the existing Secret up. */
    @Override
    protected ResourceID targetSecondaryResourceID(OrderPlatform primary, Context<OrderPlatform> context) {
        var platform = PlatformSettings.of(primary);
        return new ResourceID(platform.generatedMysqlCredentialsSecret(), platform.namespace());
    }
}
