package dev.orderplatform.operator.platform;

import dev.orderplatform.operator.rocketmq.TopicAdmin;
import dev.orderplatform.operator.rocketmq.TopicsDependent;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.dependent.DependentResourceSpec;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResourceFactory;

/** Creates the workflow's dependents as JOSDK does, handing the {@link TopicAdmin} to the topics node. */
@SuppressWarnings("rawtypes")
public class PlatformDependentFactory
        implements DependentResourceFactory<ControllerConfiguration<?>, DependentResourceSpec> {

    private final TopicAdmin topicAdmin;

    public PlatformDependentFactory(TopicAdmin topicAdmin) {
        this.topicAdmin = topicAdmin;
    }

    @Override
    public DependentResource createFrom(DependentResourceSpec spec, ControllerConfiguration<?> configuration) {
        if (spec.getDependentResourceClass() == TopicsDependent.class) {
            return new TopicsDependent(topicAdmin);
        }
        return DependentResourceFactory.super.createFrom(spec, configuration);
    }
}
