package dev.orderplatform.operator.mysql;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.StatefulSetDependent;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + MysqlResources.COMPONENT))
public class MysqlStatefulSetDependent extends StatefulSetDependent {

    public MysqlStatefulSetDependent() {
        super(MysqlResources::name, MysqlResources::statefulSet);
    }
}
