package dev.orderplatform.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.orderplatform.k8s.testkit.ControlPlane;
import dev.orderplatform.k8s.testkit.PrometheusOperatorCrds;
import dev.orderplatform.k8s.testkit.WithControlPlane;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.OrderPlatformStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator, installed by the chart and running with the chart's RBAC, against a real API server with its
 * controllers: what a user does with an OrderPlatform, from {@code kubectl apply} of the example to deleting the
 * namespace. Each test has a namespace of its own; the last one uninstalls the operator.
 */
@WithControlPlane
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderPlatformOnClusterIT {

    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    static final List<String> SERVICES = List.of("goods", "inventory", "order");
    static final String MONITORING_NAMESPACE = "monitoring";
    static final String MONITORING_API_VERSION = "monitoring.coreos.com/v1";

    static ControlPlane cluster;
    static KubernetesClient client;
    static ClusterOperator operator;

    @BeforeAll
    static void installOperator(ControlPlane controlPlane) {
        cluster = controlPlane;
        client = controlPlane.adminClient();
        operator = ClusterOperator.shared(controlPlane);
    }

    @Test
    @Order(1)
    void minimalExampleBecomesReadyInDependencyOrder() {
        String namespace = "minimal";
        var phases = new ArrayList<String>();

        cluster.kubectlIn(ClusterFiles.REPOSITORY, "create", "namespace", namespace)
                .orThrow();
        cluster.kubectlIn(ClusterFiles.REPOSITORY, "apply", "-n", namespace, "-f", "crds/examples/minimal.yaml")
                .orThrow();

        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            var status = status(namespace);
            if (status != null
                    && status.phase() != null
                    && (phases.isEmpty() || !phases.getLast().equals(status.phase()))) {
                phases.add(status.phase());
            }
            return status != null && "Ready".equals(status.phase());
        });
        assertThat(phases).containsSubsequence("Progressing", "Ready").doesNotContain("Degraded");
        var platform = platform(namespace);
        assertThat(platform.getStatus().observedGeneration())
                .isEqualTo(platform.getMetadata().getGeneration());
        assertThat(condition(platform, "Ready").getStatus()).isEqualTo("True");

        // Name server before broker; database and broker before the services.
        var audit = AuditLog.read(cluster.auditLog());
        Instant nameServer = audit.firstWritten("statefulsets", namespace, "shop-nameserver");
        Instant broker = audit.firstWritten("statefulsets", namespace, "shop-broker");
        Instant mysql = audit.firstWritten("statefulsets", namespace, "shop-mysql");
        assertThat(nameServer).isBefore(broker);
        for (String service : SERVICES) {
            Instant deployment = audit.firstWritten("deployments", namespace, "shop-" + service);
            assertThat(deployment).as(service).isAfter(broker).isAfter(mysql);
        }
        // Every pod runs (as kwok simulates it) and is ready.
        var pods = client.pods().inNamespace(namespace).list().getItems();
        assertThat(pods)
                .hasSize(6)
                .allSatisfy(pod -> assertThat(ready(pod)).as(name(pod)).isTrue());

        var table = cluster.kubectl("get", "op", "-n", namespace)
                .orThrow()
                .stdout()
                .lines()
                .toList();
        assertThat(table).hasSize(2);
        assertThat(table.get(0).split("\\s+")).containsExactly("NAME", "READY", "REASON", "COMPONENTS", "AGE");
        assertThat(table.get(1).split("\\s+")).startsWith("shop", "True", "AllComponentsReady", "6/6");
    }

    @Test
    @Order(2)
    void specEditsRollOut() {
        String namespace = "edits";
        bringUp(namespace, "{}");

        patchSpec(namespace, "{\"images\": {\"tag\": \"9.9.9\"}}");
        awaitReadyAtCurrentGeneration(namespace);
        assertThat(image(deployment(namespace, "order"))).endsWith("/order:9.9.9");
        assertThat(replicaSets(namespace, "order"))
                .extracting(set -> set.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .anyMatch(image -> image.endsWith("/order:9.9.9"))
                .hasSize(2);

        patchSpec(namespace, "{\"services\": {\"order\": {\"replicas\": 2}}}");
        awaitReadyAtCurrentGeneration(namespace);
        assertThat(deployment(namespace, "order").getStatus().getReadyReplicas())
                .isEqualTo(2);

        patchSpec(namespace, "{\"orderTimeout\": \"45m\"}");
        awaitReadyAtCurrentGeneration(namespace);
        assertThat(deployment(namespace, "order")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("ORDERPLATFORM_ORDER_TIMEOUT");
                    assertThat(env.getValue()).isEqualTo("45m");
                });
    }

    @Test
    @Order(3)
    void handDeletedObjectsArePutBack() {
        String namespace = "hand-deleted";
        bringUp(namespace, "{}");
        String deployment = deployment(namespace, "goods").getMetadata().getUid();
        String service = client.services()
                .inNamespace(namespace)
                .withName("shop-order")
                .get()
                .getMetadata()
                .getUid();
        String secret = client.secrets()
                .inNamespace(namespace)
                .withName("shop-jwt")
                .get()
                .getMetadata()
                .getUid();

        client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName("shop-goods")
                .delete();
        client.services().inNamespace(namespace).withName("shop-order").delete();
        client.secrets().inNamespace(namespace).withName("shop-jwt").delete();

        await().atMost(READY_TIMEOUT).untilAsserted(() -> {
            assertThat(uid(client.apps()
                            .deployments()
                            .inNamespace(namespace)
                            .withName("shop-goods")
                            .get()))
                    .isNotNull()
                    .isNotEqualTo(deployment);
            assertThat(uid(client.services()
                            .inNamespace(namespace)
                            .withName("shop-order")
                            .get()))
                    .isNotNull()
                    .isNotEqualTo(service);
            assertThat(uid(client.secrets()
                            .inNamespace(namespace)
                            .withName("shop-jwt")
                            .get()))
                    .isNotNull()
                    .isNotEqualTo(secret);
        });
        awaitReadyAtCurrentGeneration(namespace);
    }

    @Test
    @Order(4)
    void readyPlatformCausesNoWrites() throws InterruptedException {
        String namespace = "steady";
        bringUp(namespace, "{}");
        Instant from = Instant.now();

        Thread.sleep(Duration.ofSeconds(60));

        var writes = AuditLog.read(cluster.auditLog()).by(ClusterOperator.USER, namespace).stream()
                .filter(event -> event.time().isAfter(from))
                .toList();
        assertThat(writes)
                .as(
                        "writes of the operator in the 60 s after Ready; its events: %s",
                        cluster.kubectl(
                                        "get",
                                        "events.events.k8s.io",
                                        "-n",
                                        namespace,
                                        "-o",
                                        "custom-columns=TIME:.metadata.creationTimestamp,REASON:.reason,NOTE:.note")
                                .stdout())
                .isEmpty();
    }

    @Test
    @Order(5)
    void deletingThePlatformKeepsTheDataUnlessAskedNotTo() {
        bringUp("retain", "{}");
        bringUp("delete", "{dataRetention: Delete}");

        for (String namespace : List.of("retain", "delete")) {
            cluster.kubectl("delete", "op", "shop", "-n", namespace, "--wait=true", "--timeout=60s")
                    .orThrow();
        }

        await().atMost(READY_TIMEOUT).untilAsserted(() -> {
            for (String namespace : List.of("retain", "delete")) {
                assertThat(client.apps()
                                .deployments()
                                .inNamespace(namespace)
                                .list()
                                .getItems())
                        .isEmpty();
                assertThat(client.apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .list()
                                .getItems())
                        .isEmpty();
                assertThat(client.services().inNamespace(namespace).list().getItems())
                        .isEmpty();
                assertThat(client.configMaps()
                                .inNamespace(namespace)
                                .withLabel("app.kubernetes.io/instance", "shop")
                                .list()
                                .getItems())
                        .isEmpty();
                assertThat(client.secrets()
                                .inNamespace(namespace)
                                .withName("shop-jwt")
                                .get())
                        .isNull();
            }
            assertThat(client.persistentVolumeClaims()
                            .inNamespace("retain")
                            .list()
                            .getItems())
                    .hasSize(2);
            assertThat(client.secrets()
                            .inNamespace("retain")
                            .withName("shop-mysql-credentials")
                            .get())
                    .isNotNull();
            assertThat(client.persistentVolumeClaims()
                            .inNamespace("delete")
                            .list()
                            .getItems())
                    .isEmpty();
            assertThat(client.secrets()
                            .inNamespace("delete")
                            .withName("shop-mysql-credentials")
                            .get())
                    .isNull();
        });
    }

    @Test
    @Order(6)
    void twoPlatformsSurviveAnOperatorCrashMidReconcile() {
        createNamespace("first");
        createNamespace("second");
        apply("first", "{}");
        apply("second", "{}");
        await().atMost(READY_TIMEOUT)
                .until(() -> client.apps()
                                .statefulSets()
                                .inNamespace("second")
                                .withName("shop-mysql")
                                .get()
                        != null);

        operator.stop();
        operator.start();

        for (String namespace : List.of("first", "second")) {
            awaitReadyAtCurrentGeneration(namespace);
            assertThat(client.apps()
                            .statefulSets()
                            .inNamespace(namespace)
                            .list()
                            .getItems())
                    .extracting(this::name)
                    .containsExactlyInAnyOrder("shop-mysql", "shop-nameserver", "shop-broker");
            assertThat(client.apps().deployments().inNamespace(namespace).list().getItems())
                    .extracting(this::name)
                    .containsExactlyInAnyOrder("shop-goods", "shop-inventory", "shop-order");
            for (String service : SERVICES) {
                assertThat(replicaSets(namespace, service)).as(service).hasSize(1);
            }
        }
    }

    /**
     * Before the Prometheus Operator's CRDs are installed (the next test installs them, for good: JOSDK takes a CRD
     * once found to stay): monitoring asked for is reported as impossible, everything else works.
     */
    @Test
    @Order(7)
    void monitoringWithoutThePrometheusOperatorIsReportedAndThePlatformIsStillReady() {
        assertThat(client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("podmonitors.monitoring.coreos.com")
                        .get())
                .as("the Prometheus Operator's CRDs are installed by the next test only")
                .isNull();

        bringUp(
                MONITORING_NAMESPACE,
                "{monitoring: {enabled: true, labels: {release: prometheus}, jsonLogs: true, tracing: "
                        + "{otlpEndpoint: 'http://otel-collector.observability:4318/v1/traces', samplingProbability: 0.2}}}");

        var platform = platform(MONITORING_NAMESPACE);
        assertThat(condition(platform, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(platform, "MonitoringReady"))
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "PrometheusOperatorNotInstalled");
        for (String service : SERVICES) {
            assertThat(deployment(MONITORING_NAMESPACE, service)
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .getFirst()
                            .getEnv())
                    .as(service)
                    .extracting(EnvVar::getName, EnvVar::getValue)
                    .contains(
                            tuple(
                                    "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                                    "http://otel-collector.observability:4318/v1/traces"),
                            tuple("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.2"),
                            tuple("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));
        }
    }

    /** The Prometheus Operator installed later: the platform of the test before gets its PodMonitor and rules. */
    @Test
    @Order(8)
    void monitoringWithThePrometheusOperatorCreatesAPodMonitorAndTheRulesAndDisablingRemovesThem() throws IOException {
        var crds = PrometheusOperatorCrds.resolve();
        // Skips (one line saying how to get them) only without the CRDs and without Go; CI fetches them first.
        assumeTrue(crds.available(), crds.missingReason());
        cluster.kubectl("apply", "--server-side", "-f", crds.directory().toString())
                .orThrow();
        cluster.kubectl(
                        "wait",
                        "--for=condition=Established",
                        "crd/podmonitors.monitoring.coreos.com",
                        "crd/prometheusrules.monitoring.coreos.com",
                        "--timeout=60s")
                .orThrow();

        // No event announces the CRDs: the platform that waits for them is reconciled again every 30 s.
        await().atMost(READY_TIMEOUT)
                .untilAsserted(() -> assertThat(condition(platform(MONITORING_NAMESPACE), "MonitoringReady")
                                .getStatus())
                        .isEqualTo("True"));
        var podMonitor = monitoringObject("PodMonitor", "shop-services");
        var rule = monitoringObject("PrometheusRule", "shop-rules");
        for (var object : List.of(podMonitor, rule)) {
            assertThat(object.getMetadata().getLabels()).containsEntry("release", "prometheus");
            assertThat(object.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("OrderPlatform"));
        }
        assertThat(podMonitor.<String>get("spec", "selector", "matchLabels", "app.kubernetes.io/instance"))
                .isEqualTo("shop");
        assertThat(podMonitor.<List<Map<String, Object>>>get("spec", "podMetricsEndpoints"))
                .containsExactly(Map.of("port", "http", "path", "/actuator/prometheus"));
        var ruleFile = new YAMLMapper()
                .readValue(
                        ClusterFiles.REPOSITORY
                                .resolve("monitoring/prometheus/orderplatform-rules.yaml")
                                .toFile(),
                        new TypeReference<Map<String, Object>>() {});
        Map<String, Object> ruleSpec = rule.get("spec");
        assertThat(ruleSpec.getOrDefault("groups", List.of())).isEqualTo(ruleFile.get("groups"));
        assertThat(condition(platform(MONITORING_NAMESPACE), "Ready").getStatus())
                .isEqualTo("True");

        patchSpec(MONITORING_NAMESPACE, "{\"monitoring\": {\"enabled\": false}}");

        await().atMost(READY_TIMEOUT).untilAsserted(() -> {
            assertThat(monitoringObjects("PodMonitor")).isEmpty();
            assertThat(monitoringObjects("PrometheusRule")).isEmpty();
        });
        awaitReadyAtCurrentGeneration(MONITORING_NAMESPACE);
        assertThat(platform(MONITORING_NAMESPACE).getStatus().conditions())
                .extracting(Condition::getType)
                .doesNotContain("MonitoringReady");
    }

    /** Without a finalizer nothing waits for the operator: uninstalling it first must not block deletion. */
    @Test
    @Order(9)
    void namespaceOfAPlatformIsDeletedAfterTheOperatorWasUninstalled() {
        bringUp("orphaned", "{}");

        operator.stop();
        cluster.helm("uninstall", ClusterOperator.RELEASE, "--namespace", ClusterOperator.NAMESPACE, "--wait")
                .orThrow();
        var deletion = cluster.kubectl("delete", "namespace", "orphaned", "--wait=true", "--timeout=120s");

        assertThat(deletion.exitCode()).as(deletion.toString()).isZero();
        assertThat(client.namespaces().withName("orphaned").get()).isNull();
        assertThat(client.namespaces().list().getItems())
                .noneMatch(
                        namespace -> "Terminating".equals(namespace.getStatus().getPhase()));
    }

    private static GenericKubernetesResource monitoringObject(String kind, String name) {
        var object = client.genericKubernetesResources(MONITORING_API_VERSION, kind)
                .inNamespace(MONITORING_NAMESPACE)
                .withName(name)
                .get();
        assertThat(object).as("%s %s", kind, name).isNotNull();
        return object;
    }

    private static List<GenericKubernetesResource> monitoringObjects(String kind) {
        return client.genericKubernetesResources(MONITORING_API_VERSION, kind)
                .inNamespace(MONITORING_NAMESPACE)
                .list()
                .getItems();
    }

    private void bringUp(String namespace, String spec) {
        createNamespace(namespace);
        apply(namespace, spec);
        awaitReadyAtCurrentGeneration(namespace);
    }

    private static void createNamespace(String namespace) {
        cluster.kubectl("create", "namespace", namespace).orThrow();
    }

    private static void apply(String namespace, String spec) {
        var platform =
                client.getKubernetesSerialization().unmarshal("""
        apiVersion: orderplatform.dev/v1alpha1
        kind: OrderPlatform
        metadata: {name: shop, namespace: %s}
        spec: %s
        """.formatted(namespace, spec), OrderPlatform.class);
        client.resource(platform).create();
    }

    private static void patchSpec(String namespace, String specJson) {
        cluster.kubectl("patch", "op", "shop", "-n", namespace, "--type=merge", "-p", "{\"spec\": " + specJson + "}")
                .orThrow();
    }

    private static void awaitReadyAtCurrentGeneration(String namespace) {
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var platform = platform(namespace);
            assertThat(platform.getStatus()).isNotNull();
            assertThat(platform.getStatus().observedGeneration())
                    .isEqualTo(platform.getMetadata().getGeneration());
            assertThat(platform.getStatus().phase()).isEqualTo("Ready");
        });
    }

    private static OrderPlatform platform(String namespace) {
        return client.resources(OrderPlatform.class)
                .inNamespace(namespace)
                .withName("shop")
                .get();
    }

    private static OrderPlatformStatus status(String namespace) {
        var platform = platform(namespace);
        return platform == null ? null : platform.getStatus();
    }

    private static Condition condition(OrderPlatform platform, String type) {
        return platform.getStatus().conditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private static Deployment deployment(String namespace, String service) {
        return client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName("shop-" + service)
                .get();
    }

    private static List<ReplicaSet> replicaSets(String namespace, String service) {
        return client.apps()
                .replicaSets()
                .inNamespace(namespace)
                .withLabel("app.kubernetes.io/name", service)
                .list()
                .getItems();
    }

    private static String image(Deployment deployment) {
        return deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getImage();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c ->
                                c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    private static String uid(HasMetadata object) {
        return object == null ? null : object.getMetadata().getUid();
    }

    private String name(HasMetadata object) {
        return Objects.requireNonNull(object).getMetadata().getName();
    }
}
