package dev.orderplatform.operator.platform;

import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.NameSetter;

/**
 * A dependent that is not a Kubernetes object. It takes its name from its {@code @Dependent}
 * declaration, as JOSDK's own dependents do, so that {@code dependsOn} can refer to it.
 */
public abstract class NamedDependent<R> implements DependentResource<R, OrderPlatform>, NameSetter {

    private String name = DependentResource.defaultNameFor(getClass());

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setName(String name) {
        this.name = name;
    }
}
