package dev.orderplatform.operator.services;

import static dev.orderplatform.operator.platform.TestPlatforms.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import dev.orderplatform.operator.rocketmq.RocketmqResources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AppServiceResourcesTest {

    @Test
    void orderServiceGetsItsWholeConfigurationFromTheEnvironment() {
        var deployment = AppServiceResources.deployment(settings("orderTimeout: 15m"), AppService.ORDER);

        var container =
                deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(plainEnv(container))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "SPRING_DATASOURCE_URL", "jdbc:mariadb://shop-mysql:3306/orders",
                        "ORDERPLATFORM_ROCKETMQ_NAME_SERVER", "shop-nameserver-0.shop-nameserver.test.svc:9876",
                        "ORDERPLATFORM_ORDER_TIMEOUT", "15m",
                        "ORDERPLATFORM_ROCKETMQ_TIMER_MAX_DELAY", "259200s",
                        "ORDERPLATFORM_GOODS_GRPC_ADDRESS", "shop-goods:9091",
                        "ORDERPLATFORM_INVENTORY_GRPC_ADDRESS", "shop-inventory:9092"));
        assertThat(secretEnv(container))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "SPRING_DATASOURCE_USERNAME", "shop-mysql-credentials/order-username",
                        "SPRING_DATASOURCE_PASSWORD", "shop-mysql-credentials/order-password",
                        "ORDERPLATFORM_JWT_SECRET", "shop-jwt/secret"));
    }

    @Test
    void orderServiceIsToldTheTimerLimitItsBrokerIsGiven() {
        var platform = settings("orderTimeout: PT100H");

        var container = AppServiceResources.deployment(platform, AppService.ORDER)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
        assertThat(plainEnv(container)).containsEntry("ORDERPLATFORM_ROCKETMQ_TIMER_MAX_DELAY", 101 * 3600 + "s");
        assertThat(RocketmqResources.brokerConf(platform).lines()).contains("timerMaxDelaySec=" + 101 * 3600);
    }

    @Test
    void inventoryServiceNeitherCallsOtherServicesNorTimesOrdersOut() {
        var deployment = AppServiceResources.deployment(settings(""), AppService.INVENTORY);

        var container =
                deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(plainEnv(container))
                .containsOnlyKeys("SPRING_DATASOURCE_URL", "ORDERPLATFORM_ROCKETMQ_NAME_SERVER")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:mariadb://shop-mysql:3306/inventory");
    }

    @Test
    void externalDatabaseCredentialsComeFromTheUsersSecret() {
        var deployment = AppServiceResources.deployment(settings("""
        mysql: {external: {jdbcUrl: "jdbc:mariadb://db:3306", credentialsSecret: {name: shop-db}}}
        """), AppService.GOODS);

        var container =
                deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(plainEnv(container)).containsEntry("SPRING_DATASOURCE_URL", "jdbc:mariadb://db:3306/goods");
        assertThat(secretEnv(container)).containsEntry("SPRING_DATASOURCE_PASSWORD", "shop-db/goods-password");
    }

    @Test
    void deploymentFollowsTheContractAndRunsRestricted() {
        var deployment = AppServiceResources.deployment(settings("""
        images: {registry: registry.example.com/shop, tag: "2.0.0", pullPolicy: Always}
        services: {goods: {replicas: 3, resources: {requests: {cpu: "1"}, limits: {memory: 2Gi}}}}
        """), AppService.GOODS);

        assertThat(deployment.getMetadata().getName()).isEqualTo("shop-goods");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        var container = pod.getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("registry.example.com/shop/goods:2.0.0");
        assertThat(container.getImagePullPolicy()).isEqualTo("Always");
        assertThat(container.getPorts())
                .extracting("name", "containerPort")
                .containsExactly(tuple("http", 8081), tuple("grpc", 9091));
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getResources().getLimits().get("memory").toString())
                .isEqualTo("2Gi");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getVolumeMounts()).extracting("mountPath").containsExactly("/tmp");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
    }

    @Test
    void serviceExposesHttpAndGrpcWhereServed() {
        assertThat(AppServiceResources.service(settings(""), AppService.INVENTORY)
                        .getSpec()
                        .getPorts())
                .extracting("name", "port")
                .containsExactly(tuple("http", 8082), tuple("grpc", 9092));
        assertThat(AppServiceResources.service(settings(""), AppService.ORDER)
                        .getSpec()
                        .getPorts())
                .extracting("name", "port")
                .containsExactly(tuple("http", 8080));
    }

    @Test
    void grpcPortsAreReachedOnlyByTheOrderPodsAndHttpPortsByEveryone() {
        var policy = AppServiceResources.grpcNetworkPolicy(settings("")).getSpec();

        assertThat(policy.getPodSelector().getMatchLabels()).containsExactlyEntriesOf(Map.of(Labels.INSTANCE, "shop"));
        assertThat(policy.getPodSelector().getMatchExpressions())
                .singleElement()
                .satisfies(expression -> {
                    assertThat(expression.getKey()).isEqualTo(Labels.NAME);
                    assertThat(expression.getValues()).containsExactly("goods", "inventory");
                });
        assertThat(policy.getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getIngress()).hasSize(2);
        var http = policy.getIngress().get(0);
        assertThat(http.getFrom()).isEmpty();
        assertThat(http.getPorts())
                .extracting(port -> port.getPort().getIntVal())
                .containsExactly(8081, 8082);
        var grpc = policy.getIngress().get(1);
        assertThat(grpc.getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getPodSelector().getMatchLabels())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(Labels.NAME, "order", Labels.INSTANCE, "shop"));
        });
        assertThat(grpc.getPorts())
                .extracting(port -> port.getPort().getIntVal())
                .containsExactly(9091, 9092);
    }

    @Test
    void disruptionBudgetLetsOnePodOfTheServiceGoAtATime() {
        var platform = settings("services: {inventory: {replicas: 3}}");

        var budget = AppServiceResources.disruptionBudget(platform, AppService.INVENTORY);
        assertThat(budget.getMetadata().getName()).isEqualTo("shop-inventory");
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .isEqualTo(AppServiceResources.deployment(platform, AppService.INVENTORY)
                        .getSpec()
                        .getSelector()
                        .getMatchLabels());
        assertThat(AppServiceResources.replicated(platform, AppService.INVENTORY))
                .isTrue();
        assertThat(AppServiceResources.replicated(platform, AppService.GOODS)).isFalse();
    }

    @Test
    void everyServiceGetsTheTracingAndLogSettingsOfSpecMonitoring() {
        var platform = settings("""
        monitoring:
          tracing: {otlpEndpoint: "http://otel.observability:4318/v1/traces", samplingProbability: 0.05}
          jsonLogs: true
        """);

        for (AppService service : AppService.values()) {
            var container = AppServiceResources.deployment(platform, service)
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .getFirst();
            assertThat(plainEnv(container))
                    .as(service.id())
                    .containsEntry(
                            "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                            "http://otel.observability:4318/v1/traces")
                    .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.05")
                    .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        }
        assertThat(plainEnv(AppServiceResources.deployment(settings("monitoring: {enabled: true}"), AppService.GOODS)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()))
                .doesNotContainKeys(
                        "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                        "MANAGEMENT_TRACING_SAMPLING_PROBABILITY",
                        "LOGGING_STRUCTURED_FORMAT_CONSOLE");
    }

    private static Map<String, String> plainEnv(Container container) {
        return container.getEnv().stream()
                .filter(env -> env.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Map<String, String> secretEnv(Container container) {
        return container.getEnv().stream()
                .filter(env -> env.getValueFrom() != null)
                .collect(Collectors.toMap(
                        EnvVar::getName,
                        env -> env.getValueFrom().getSecretKeyRef().getName() + "/"
                                + env.getValueFrom().getSecretKeyRef().getKey()));
    }
}
