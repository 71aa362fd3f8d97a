package dev.orderplatform.operator.mysql;

import dev.orderplatform.operator.platform.InfrastructureGate;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformSettings;
import dev.orderplatform.operator.platform.Secondaries;
import dev.orderplatform.operator.platform.StatefulSets;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Open once the services' database serves: the managed MySQL pod is ready, or the database is external. */
public class DatabaseGate extends InfrastructureGate {

  @Override
  protected boolean isAvailable(PlatformSettings platform, Context<OrderPlatform> context) {
    return !platform.mysqlManaged()
        || Secondaries.find(context, StatefulSet.class, MysqlResources.name(platform))
            .map(StatefulSets::isReady).orElse(false);
  }
}
