package dev.orderplatform.operator.rocketmq;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.PlatformDependent;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(
        informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + RocketmqResources.NAME_SERVER))
public class NameServerServiceDependent extends PlatformDependent<Service> {

    public NameServerServiceDependent() {
        super(Service.class, RocketmqResources::nameServerName, RocketmqResources::nameServerService);
    }
}
