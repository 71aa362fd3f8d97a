package dev.orderplatform.operator.mysql;

import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformSettings;
import dev.orderplatform.operator.platform.Secondaries;
import dev.orderplatform.operator.platform.StatefulSets;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Whether the services' database serves: the managed MySQL pod is ready, or the database is external. */
public final class DatabaseGate {

    private DatabaseGate() {}

    public static boolean isOpen(PlatformSettings platform, Context<OrderPlatform> context) {
        return !platform.mysqlManaged()
                || Secondaries.find(context, StatefulSet.class, MysqlResources.name(platform))
                        .map(StatefulSets::isReady)
                        .orElse(false);
    }
}
