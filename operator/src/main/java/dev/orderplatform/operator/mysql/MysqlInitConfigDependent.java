package dev.orderplatform.operator.mysql;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.PlatformDependent;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_COMPONENT_SELECTOR + MysqlResources.COMPONENT))
public class MysqlInitConfigDependent extends PlatformDependent<ConfigMap> {

    public MysqlInitConfigDependent() {
        super(ConfigMap.class, MysqlResources::initConfigMapName, MysqlResources::initConfigMap);
    }
}
