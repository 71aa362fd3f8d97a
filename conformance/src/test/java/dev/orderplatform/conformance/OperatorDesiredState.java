package dev.orderplatform.conformance;

import dev.orderplatform.operator.mysql.MysqlResources;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import dev.orderplatform.operator.platform.PlatformSettings;
import dev.orderplatform.operator.rocketmq.RocketmqResources;
import dev.orderplatform.operator.secrets.GeneratedSecrets;
import dev.orderplatform.operator.services.AppServiceResources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The objects the operator creates for a platform (managed MySQL and RocketMQ), from its own pure desired-state
 * builders, with the Secrets as first generated. The control-plane tests read the same kinds back from the API server.
 */
final class OperatorDesiredState {

    private OperatorDesiredState() {}

    static List<HasMetadata> of(OrderPlatform platform) {
        PlatformSettings settings = PlatformSettings.of(platform);
        var objects = new ArrayList<HasMetadata>(List.of(
                GeneratedSecrets.jwt(settings, Map.of()),
                GeneratedSecrets.mysqlCredentials(settings, Map.of()),
                MysqlResources.initConfigMap(settings),
                MysqlResources.service(settings),
                MysqlResources.statefulSet(settings),
                RocketmqResources.nameServerService(settings),
                RocketmqResources.nameServerStatefulSet(settings),
                RocketmqResources.brokerConfig(settings),
                RocketmqResources.brokerService(settings),
                RocketmqResources.brokerStatefulSet(settings)));
        for (AppService service : AppService.values()) {
            objects.add(AppServiceResources.service(settings, service));
            objects.add(AppServiceResources.deployment(settings, service));
        }
        return objects;
    }
}
