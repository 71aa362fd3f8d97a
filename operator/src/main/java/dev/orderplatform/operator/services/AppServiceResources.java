package dev.orderplatform.operator.services;

import dev.orderplatform.operator.platform.DataNetworkPolicy;
import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.PlatformContract;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import dev.orderplatform.operator.platform.PlatformSettings;
import dev.orderplatform.operator.platform.PodDefaults;
import dev.orderplatform.operator.platform.StatefulSets;
import dev.orderplatform.operator.secrets.GeneratedSecrets;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Desired state of the goods, inventory and order services: a Deployment and a Service each, a
 * PodDisruptionBudget when replicated, and a NetworkPolicy that keeps the gRPC ports to the order pods.
 */
public final class AppServiceResources {

    public static final String GRPC_NETWORK_POLICY_COMPONENT = "grpc-network-policy";
    /** The non-root user the Jib images run as. */
    private static final long SERVICE_UID = 65532;

    private AppServiceResources() {}

    public static String name(PlatformSettings platform, AppService service) {
        return platform.resourceName(service.id());
    }

    public static String grpcNetworkPolicyName(PlatformSettings platform) {
        return platform.resourceName("grpc");
    }

    /** The services' whole configuration, as environment variables (Spring Boot relaxed binding). */
    public static List<EnvVar> environment(PlatformSettings platform, AppService service) {
        String credentials = platform.databaseCredentialsSecret();
        var env = new ArrayList<EnvVar>(List.of(
                PodDefaults.env(PlatformContract.ENV_DATASOURCE_URL, platform.datasourceUrl(service)),
                PodDefaults.secretEnv(PlatformContract.ENV_DATASOURCE_USERNAME, credentials, service.usernameKey()),
                PodDefaults.secretEnv(PlatformContract.ENV_DATASOURCE_PASSWORD, credentials, service.passwordKey()),
                PodDefaults.env(PlatformContract.ENV_NAME_SERVER, platform.nameServerAddress()),
                PodDefaults.secretEnv(
                        PlatformContract.ENV_JWT_SECRET,
                        GeneratedSecrets.jwtSecretName(platform),
                        GeneratedSecrets.JWT_KEY)));
        if (service == AppService.ORDER) {
            env.add(PodDefaults.env(PlatformContract.ENV_ORDER_TIMEOUT, platform.orderTimeout()));
            env.add(PodDefaults.env(
                    PlatformContract.ENV_TIMER_MAX_DELAY,
                    platform.timerMaxDelay().toSeconds() + "s"));
            env.add(PodDefaults.env(PlatformContract.ENV_GOODS_GRPC_ADDRESS, platform.grpcAddress(AppService.GOODS)));
            env.add(PodDefaults.env(
                    PlatformContract.ENV_INVENTORY_GRPC_ADDRESS, platform.grpcAddress(AppService.INVENTORY)));
        }
        env.addAll(observabilityEnvironment(platform.monitoring()));
        return env;
    }

    /** Trace export and log format, as spec.monitoring asks; nothing when it asks for nothing (Boot's defaults). */
    static List<EnvVar> observabilityEnvironment(PlatformSettings.Monitoring monitoring) {
        var env = new ArrayList<EnvVar>();
        if (monitoring.otlpEndpoint() != null) {
            env.add(PodDefaults.env(PlatformContract.BOOT_TRACING_OTLP_ENDPOINT, monitoring.otlpEndpoint()));
        }
        if (monitoring.samplingProbability() != null) {
            env.add(PodDefaults.env(
                    PlatformContract.BOOT_TRACING_SAMPLING_PROBABILITY,
                    BigDecimal.valueOf(monitoring.samplingProbability()).toPlainString()));
        }
        if (monitoring.jsonLogs()) {
            env.add(PodDefaults.env(PlatformContract.BOOT_CONSOLE_LOG_FORMAT, PlatformContract.JSON_LOG_FORMAT));
        }
        return env;
    }

    public static Deployment deployment(PlatformSettings platform, AppService service) {
        var settings = platform.services().get(service);
        return new DeploymentBuilder()
                .withMetadata(Labels.metadata(platform, service.id(), name(platform, service)))
                .withNewSpec()
                .withReplicas(settings.replicas())
                .withNewSelector()
                .withMatchLabels(Labels.selector(platform, service.id()))
                .endSelector()
                // Replace pods one at a time and only once the new one is ready.
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withNewMaxUnavailable(0)
                .withNewMaxSurge(1)
                .endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.of(platform, service.id()))
                .withAnnotations(Map.of(
                        "prometheus.io/scrape",
                        "true",
                        "prometheus.io/path",
                        PlatformContract.PROMETHEUS_PATH,
                        "prometheus.io/port",
                        String.valueOf(service.httpPort())))
                .endMetadata()
                .withNewSpec()
                .withEnableServiceLinks(false)
                .withSecurityContext(PodDefaults.podSecurityContext(SERVICE_UID))
                .addNewContainer()
                .withName(service.id())
                .withImage(platform.imageOf(service))
                .withImagePullPolicy(platform.pullPolicy().name())
                .withPorts(containerPorts(service))
                .withEnv(environment(platform, service))
                .withResources(settings.resources())
                .withSecurityContext(PodDefaults.containerSecurityContext())
                // Generous startup, then strict liveness: a slow first start must not be killed.
                .withStartupProbe(httpProbe(PlatformContract.LIVENESS_PATH, 5, 36))
                .withLivenessProbe(httpProbe(PlatformContract.LIVENESS_PATH, 10, 3))
                .withReadinessProbe(httpProbe(PlatformContract.READINESS_PATH, 5, 3))
                .withVolumeMounts(PodDefaults.tmpMount())
                .endContainer()
                .withVolumes(PodDefaults.tmpVolume())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Service service(PlatformSettings platform, AppService service) {
        var ports = new ArrayList<ServicePort>();
        ports.add(StatefulSets.servicePort("http", service.httpPort()));
        if (service.servesGrpc()) {
            ports.add(StatefulSets.servicePort("grpc", service.grpcPort()));
        }
        return new ServiceBuilder()
                .withMetadata(Labels.metadata(platform, service.id(), name(platform, service)))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Labels.selector(platform, service.id()))
                .withPorts(ports)
                .endSpec()
                .build();
    }

    /** Whether the service runs more than one pod, and so a voluntary disruption can leave one serving. */
    public static boolean replicated(PlatformSettings platform, AppService service) {
        return platform.services().get(service).replicas() > 1;
    }

    /** Node drains evict the service's pods one at a time. */
    public static PodDisruptionBudget disruptionBudget(PlatformSettings platform, AppService service) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(Labels.metadata(platform, service.id(), name(platform, service)))
                .withNewSpec()
                .withNewMaxUnavailable(1)
                .withNewSelector()
                .withMatchLabels(Labels.selector(platform, service.id()))
                .endSelector()
                .endSpec()
                .build();
    }

    /**
     * The gRPC ports of goods and inventory are internal: only the platform's order pods call them. Their
     * HTTP ports stay open to every client.
     */
    public static NetworkPolicy grpcNetworkPolicy(PlatformSettings platform) {
        var grpcServices =
                Stream.of(AppService.values()).filter(AppService::servesGrpc).toList();
        return new NetworkPolicyBuilder()
                .withMetadata(Labels.metadata(platform, GRPC_NETWORK_POLICY_COMPONENT, grpcNetworkPolicyName(platform)))
                .withNewSpec()
                .withNewPodSelector()
                .addToMatchLabels(Labels.INSTANCE, platform.name())
                .addNewMatchExpression()
                .withKey(Labels.NAME)
                .withOperator("In")
                .withValues(grpcServices.stream().map(AppService::id).toList())
                .endMatchExpression()
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withPorts(grpcServices.stream()
                        .map(service -> DataNetworkPolicy.tcp(service.httpPort()))
                        .toList())
                .endIngress()
                .addNewIngress()
                .addNewFrom()
                .withNewPodSelector()
                .withMatchLabels(Labels.selector(platform, AppService.ORDER.id()))
                .endPodSelector()
                .endFrom()
                .withPorts(grpcServices.stream()
                        .map(service -> DataNetworkPolicy.tcp(service.grpcPort()))
                        .toList())
                .endIngress()
                .endSpec()
                .build();
    }

    private static List<ContainerPort> containerPorts(AppService service) {
        var ports = new ArrayList<ContainerPort>();
        ports.add(new ContainerPortBuilder()
                .withName("http")
                .withContainerPort(service.httpPort())
                .build());
        if (service.servesGrpc()) {
            ports.add(new ContainerPortBuilder()
                    .withName("grpc")
                    .withContainerPort(service.grpcPort())
                    .build());
        }
        return ports;
    }

    private static Probe httpProbe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withNewPort("http")
                .endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .withTimeoutSeconds(3)
                .build();
    }
}
