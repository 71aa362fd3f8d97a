package dev.orderplatform.operator.rocketmq;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.PlatformDependent;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + RocketmqResources.BROKER))
public class BrokerServiceDependent extends PlatformDependent<Service> {

    public BrokerServiceDependent() {
        super(Service.class, RocketmqResources::brokerName, RocketmqResources::brokerService);
    }
}
