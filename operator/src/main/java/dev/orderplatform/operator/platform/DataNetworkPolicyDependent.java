package dev.orderplatform.operator.platform;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(
        informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + DataNetworkPolicy.COMPONENT))
public class DataNetworkPolicyDependent extends PlatformDependent<NetworkPolicy> {

    public DataNetworkPolicyDependent() {
        super(NetworkPolicy.class, DataNetworkPolicy::name, DataNetworkPolicy::networkPolicy);
    }
}
