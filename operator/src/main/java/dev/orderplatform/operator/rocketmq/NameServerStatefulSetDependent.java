package dev.orderplatform.operator.rocketmq;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.StatefulSetDependent;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(
        informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + RocketmqResources.NAME_SERVER))
public class NameServerStatefulSetDependent extends StatefulSetDependent {

    public NameServerStatefulSetDependent() {
        super(RocketmqResources::nameServerName, RocketmqResources::nameServerStatefulSet);
    }
}
