package dev.orderplatform.operator.mysql;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.PlatformDependent;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + MysqlResources.COMPONENT))
public class MysqlServiceDependent extends PlatformDependent<Service> {

    public MysqlServiceDependent() {
        super(Service.class, MysqlResources::name, MysqlResources::service);
    }
}
