package dev.orderplatform.operator.secrets;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

@KubernetesDependent(
        informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + GeneratedSecrets.JWT_COMPONENT))
public class JwtSecretDependent extends CRUDKubernetesDependentResource<Secret, OrderPlatform> {

    @Override
    protected Secret desired(OrderPlatform primary, Context<OrderPlatform> context) {
        var existing =
                getSecondaryResource(primary, context).map(Secret::getData).orElse(null);
        return GeneratedSecrets.jwt(PlatformSettings.of(primary), existing);
    }

    /** By name, not by {@link #desired}: desired() itself looks the existing Secret up. */
    @Override
    protected ResourceID targetSecondaryResourceID(OrderPlatform primary, Context<OrderPlatform> context) {
        var platform = PlatformSettings.of(primary);
        return new ResourceID(GeneratedSecrets.jwtSecretName(platform), platform.namespace());
    }
}
