package dev.orderplatform.operator.rocketmq;

import dev.orderplatform.operator.platform.InfrastructureGate;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformSettings;
import dev.orderplatform.operator.platform.Secondaries;
import dev.orderplatform.operator.platform.StatefulSets;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Open once the broker serves: the managed broker pod is ready, or RocketMQ is external. */
public class MessagingGate extends InfrastructureGate {

  @Override
  protected boolean isAvailable(PlatformSettings platform, Context<OrderPlatform> context) {
    return !platform.rocketmqManaged()
        || Secondaries.find(context, StatefulSet.class, RocketmqResources.brokerName(platform))
            .map(StatefulSets::isReady).orElse(false);
  }
}
