package dev.orderplatform.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.operator.platform.PlatformContract.Topic;
import dev.orderplatform.operator.rocketmq.RecordingTopicAdmin;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator against the fabric8 CRUD mock API server. The mock has no controllers: no pods, no
 * garbage collector, no schema validation. Readiness is simulated by writing the status of the
 * StatefulSets and Deployments as their controllers would. One operator serves the whole class;
 * each test has its own namespace.
 */
@EnableKubernetesMockClient(crud = true)
class OrderPlatformOperatorTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final AtomicInteger NAMESPACES = new AtomicInteger();

    static KubernetesMockServer server;
    static KubernetesClient client;
    static RecordingTopicAdmin topicAdmin = new RecordingTopicAdmin();
    static Operator operator;

    String namespace;

    @BeforeAll
    static void startOperator() throws IOException {
        try (var crd = Files.newInputStream(CrdTest.CHECKED_IN)) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).create();
        }
        operator = new Operator(overrider -> overrider
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                // The mock server does not implement server-side apply; the real operator uses it.
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withDependentResourceFactory(new PlatformDependentFactory(topicAdmin)));
        operator.register(new OrderPlatformReconciler(Clock.systemUTC()));
        operator.start();
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
    }

    @BeforeEach
    void useOwnNamespace() {
        namespace = "test-" + NAMESPACES.incrementAndGet();
    }

    @Test
    void createsThePlatformInOrderAndReportsItReady() {
        var platform = apply(TestPlatforms.withSpec(""));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(secret("shop-jwt")).isNotNull();
            assertThat(secret("shop-mysql-credentials")).isNotNull();
            assertThat(statefulSet("shop-mysql")).isNotNull();
            assertThat(statefulSet("shop-nameserver")).isNotNull();
            assertThat(status().observedGeneration()).isEqualTo(1L);
            assertThat(condition("Progressing").getStatus()).isEqualTo("True");
        });
        // The broker waits for ready name servers, the services for the database and the topics.
        assertThat(statefulSet("shop-broker")).isNull();
        assertThat(deployments()).isEmpty();

        markReady(statefulSet("shop-nameserver"));
        await().atMost(TIMEOUT).until(() -> statefulSet("shop-broker") != null);
        assertThat(topicAdminCalls()).isEmpty();

        markReady(statefulSet("shop-broker"));
        await().atMost(TIMEOUT).until(() -> !topicAdminCalls().isEmpty());
        assertThat(topicAdminCalls().getFirst().topics())
                .containsExactly(new Topic("order_reback", "TRANSACTION"), new Topic("order_timeout", "DELAY"));
        assertThat(deployments()).isEmpty();

        markReady(statefulSet("shop-mysql"));
        await().atMost(TIMEOUT).until(() -> deployments().size() == 3);

        deployments().forEach(this::markReady);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(status().phase())
                    .as("%s", condition("Ready").getMessage())
                    .isEqualTo("Ready");
            assertThat(status().readyComponents()).isEqualTo("6/6");
            assertThat(status().orderEndpoint()).isEqualTo("http://shop-order." + namespace + ".svc:8080");
            assertThat(condition("Ready").getStatus()).isEqualTo("True");
            assertThat(condition("Progressing").getStatus()).isEqualTo("False");
            assertThat(condition("Degraded").getStatus()).isEqualTo("False");
        });

        String uid = client.resource(platform).get().getMetadata().getUid();
        assertThat(ownedObjects())
                .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "Secret/shop-jwt",
                        "Secret/shop-mysql-credentials",
                        "ConfigMap/shop-mysql-init",
                        "ConfigMap/shop-broker-config",
                        "Service/shop-mysql",
                        "Service/shop-nameserver",
                        "Service/shop-broker",
                        "Service/shop-goods",
                        "Service/shop-inventory",
                        "Service/shop-order",
                        "StatefulSet/shop-mysql",
                        "StatefulSet/shop-nameserver",
                        "StatefulSet/shop-broker",
                        "Deployment/shop-goods",
                        "Deployment/shop-inventory",
                        "Deployment/shop-order",
                        "NetworkPolicy/shop-data",
                        "NetworkPolicy/shop-grpc");
        // The MySQL credentials follow the data's retention instead, see credentialsAreKeptWithRetainedData.
        assertThat(ownedObjects())
                .filteredOn(object -> !object.getMetadata().getName().equals("shop-mysql-credentials"))
                .allSatisfy(object -> assertThat(object.getMetadata().getOwnerReferences())
                        .singleElement()
                        .satisfies(owner -> {
                            assertThat(owner.getUid()).isEqualTo(uid);
                            assertThat(owner.getKind()).isEqualTo("OrderPlatform");
                        }));
    }

    @Test
    void credentialsAreKeptWithRetainedData() {
        apply(TestPlatforms.withSpec(""));
        await().atMost(TIMEOUT).until(() -> secret("shop-mysql-credentials") != null);
        String password = secret("shop-mysql-credentials").getData().get("order-password");
        assertThat(platform().getMetadata().getFinalizers())
                .as("nothing holds a deletion back")
                .isEmpty();

        deletePlatform();
        await().atMost(TIMEOUT).until(() -> platform() == null);
        assertThat(secret("shop-mysql-credentials").getMetadata().getOwnerReferences())
                .isEmpty();

        // The same platform again: it must log in to the retained database with the old passwords.
        apply(TestPlatforms.withSpec(""));
        await().atMost(TIMEOUT).until(() -> statefulSet("shop-mysql") != null);
        assertThat(secret("shop-mysql-credentials").getData().get("order-password"))
                .isEqualTo(password);
    }

    /** The mock has no garbage collector: on a cluster, the owner reference is what deletes the Secret. */
    @Test
    void credentialsAreOwnedWhenTheDataIsDeletedWithThePlatform() {
        var platform = apply(TestPlatforms.withSpec("dataRetention: Delete"));
        await().atMost(TIMEOUT).until(() -> secret("shop-mysql-credentials") != null);

        assertThat(secret("shop-mysql-credentials").getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(owner -> assertThat(owner.getUid())
                        .isEqualTo(platform.getMetadata().getUid()));
    }

    @Test
    void specEditsRollOut() {
        bringUp(TestPlatforms.withSpec(""));
        String jwtSecret = secret("shop-jwt").getData().get("secret");

        editSpec("""
        images: {tag: "2.0.0"}
        orderTimeout: 45m
        services: {inventory: {replicas: 3}}
        mysql: {managed: {storageSize: 50Gi}}
        rocketmq: {managed: {transactionCheckIntervalMillis: 5000}}
        """);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            var order = deployment("shop-order")
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .getFirst();
            assertThat(order.getImage()).endsWith("/order:2.0.0");
            assertThat(order.getEnv()).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo("ORDERPLATFORM_ORDER_TIMEOUT");
                assertThat(env.getValue()).isEqualTo("45m");
            });
            assertThat(deployment("shop-inventory").getSpec().getReplicas()).isEqualTo(3);
            assertThat(client.configMaps()
                            .inNamespace(namespace)
                            .withName("shop-broker-config")
                            .get()
                            .getData()
                            .get("broker.conf"))
                    .contains("transactionCheckInterval=5000");
            assertThat(status().observedGeneration()).isEqualTo(2L);
            // Inventory now wants three pods and has one.
            assertThat(status().phase()).isEqualTo("Progressing");
        });
        assertThat(secret("shop-jwt").getData().get("secret"))
                .as("generated once, kept")
                .isEqualTo(jwtSecret);
        assertThat(statefulSet("shop-mysql")
                        .getSpec()
                        .getVolumeClaimTemplates()
                        .getFirst()
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage")
                        .toString())
                .as("immutable: kept as created")
                .isEqualTo("10Gi");
        assertThat(condition("Warning").getReason()).isEqualTo("SpecChangeIgnored");
        assertThat(condition("Warning").getMessage())
                .contains("shop-mysql volume data keeps its size 10Gi (spec: 50Gi)");
        assertThat(condition("Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void replicatedServicesGetADisruptionBudgetThatGoesWithTheirLastReplica() {
        bringUp(TestPlatforms.withSpec("services: {order: {replicas: 2}}"));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(disruptionBudgets())
                        .extracting(budget -> budget.getMetadata().getName())
                        .containsExactly("shop-order"));

        editSpec("services: {order: {replicas: 1}, goods: {replicas: 3}}");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(disruptionBudgets())
                        .extracting(budget -> budget.getMetadata().getName())
                        .containsExactly("shop-goods"));
    }

    @Test
    void pausedPlatformIsLeftAloneAndSaysSo() {
        bringUp(TestPlatforms.withSpec(""));
        editPlatform(platform ->
                platform.getMetadata().getAnnotations().put(OrderPlatformReconciler.PAUSE_ANNOTATION, "true"));
        await().atMost(TIMEOUT).until(() -> "Paused".equals(status().phase()));
        assertThat(condition("ReconciliationPaused").getStatus()).isEqualTo("True");

        editSpec("images: {tag: \"3.0.0\"}");
        client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName("shop-goods")
                .delete();

        // A window, not an assertion wait: nothing may happen in it.
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(deployment("shop-goods")).isNull();
        assertThat(deployment("shop-order")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .doesNotEndWith(":3.0.0");

        editPlatform(
                platform -> platform.getMetadata().getAnnotations().remove(OrderPlatformReconciler.PAUSE_ANNOTATION));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(deployment("shop-goods")).isNotNull();
            assertThat(deployment("shop-order")
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .getFirst()
                            .getImage())
                    .endsWith(":3.0.0");
            assertThat(status().conditions()).extracting(Condition::getType).doesNotContain("ReconciliationPaused");
        });
    }

    @Test
    void phaseChangesAreEventsOnThePlatform() {
        bringUp(TestPlatforms.withSpec(""));
        await().atMost(TIMEOUT).until(() -> "Ready".equals(status().phase()));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(client.events()
                                .v1()
                                .events()
                                .inNamespace(namespace)
                                .list()
                                .getItems())
                        .filteredOn(event -> "shop".equals(event.getRegarding().getName()))
                        .extracting(event -> event.getType() + " " + event.getReason())
                        .contains("Normal ComponentsNotReady", "Normal AllComponentsReady"));
    }

    /** Only the first creation of the services waits for the infrastructure. */
    @Test
    void servicesRollOutWhileTheDatabaseAndTheBrokerRestart() {
        bringUp(TestPlatforms.withSpec(""));
        markRestarting(statefulSet("shop-mysql"));
        markRestarting(statefulSet("shop-broker"));

        editSpec("images: {tag: \"2.0.1\"}");

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(deployments())
                        .allSatisfy(deployment -> assertThat(deployment
                                        .getSpec()
                                        .getTemplate()
                                        .getSpec()
                                        .getContainers()
                                        .getFirst()
                                        .getImage())
                                .endsWith(":2.0.1")));
    }

    @Test
    void deletedDeploymentIsRecreated() {
        bringUp(TestPlatforms.withSpec(""));
        String oldUid = deployment("shop-goods").getMetadata().getUid();

        client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName("shop-goods")
                .delete();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(deployment("shop-goods")).isNotNull();
            assertThat(deployment("shop-goods").getMetadata().getUid()).isNotEqualTo(oldUid);
        });
    }

    @Test
    void editedDeploymentIsPutBack() {
        bringUp(TestPlatforms.withSpec(""));

        client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName("shop-goods")
                .edit(deployment -> {
                    deployment
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .getFirst()
                            .setImage("evil/goods:latest");
                    return deployment;
                });

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(deployment("shop-goods")
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .getFirst()
                                .getImage())
                        .isNotEqualTo("evil/goods:latest"));
    }

    @Test
    void steadyStateMakesNoWrites() throws InterruptedException {
        bringUp(TestPlatforms.withSpec(""));
        await().atMost(TIMEOUT).until(() -> "Ready".equals(status().phase()));
        // Settled: a reconcile already under way when Ready was written may still write once.
        await().atMost(TIMEOUT)
                .pollDelay(Duration.ofSeconds(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> writes(drainRequests()).isEmpty());

        // A window, not an assertion wait: nothing may happen in it.
        Thread.sleep(4_000);

        assertThat(writes(drainRequests())).isEmpty();
    }

    @Test
    void externalModeDeploysOnlyTheServices() {
        apply(TestPlatforms.example("external.yaml"));

        await().atMost(TIMEOUT).until(() -> deployments().size() == 3);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(status().readyComponents()).isEqualTo("0/3"));
        assertThat(client.apps().statefulSets().inNamespace(namespace).list().getItems())
                .isEmpty();
        // The data policy protects managed infrastructure only; the services' gRPC ports are protected either way.
        assertThat(client.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(namespace)
                        .list()
                        .getItems())
                .extracting(policy -> policy.getMetadata().getName())
                .containsExactly("shop-grpc");
        assertThat(secret("shop-mysql-credentials")).isNull();
        assertThat(secret("shop-jwt")).isNotNull();
        assertThat(topicAdmin.calls())
                .extracting(RecordingTopicAdmin.Call::nameServerAddress)
                .contains(
                        "rocketmq-namesrv-0.rocketmq.messaging.svc:9876;rocketmq-namesrv-1.rocketmq.messaging.svc:9876");
        var env = deployment("shop-goods")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getEnv();
        assertThat(env)
                .extracting(EnvVar::getValue)
                .contains("jdbc:mariadb://mysql.databases.svc.cluster.local:3306/goods");
        assertThat(env)
                .filteredOn(variable -> variable.getName().startsWith("SPRING_DATASOURCE_USER"))
                .singleElement()
                .satisfies(variable -> assertThat(
                                variable.getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo("shop-database"));
    }

    @Test
    void invalidSpecIsReportedAsDegradedAndChangesNothing() {
        // The API server would refuse this through the CRD's schema; the mock server does not validate.
        apply(TestPlatforms.withSpec("""
        orderTimeout: tomorrow
        mysql:
          managed: {}
          external: {jdbcUrl: "jdbc:mariadb://db:3306", credentialsSecret: {name: db}}
        """));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(status().phase()).isEqualTo("Degraded");
            assertThat(condition("Degraded").getStatus()).isEqualTo("True");
            assertThat(condition("Degraded").getReason()).isEqualTo("InvalidSpec");
            assertThat(condition("Degraded").getMessage())
                    .contains("orderTimeout 'tomorrow' does not match")
                    .contains("set either mysql.managed or mysql.external, not both");
            assertThat(condition("Ready").getStatus()).isEqualTo("False");
        });
        assertThat(ownedObjects()).isEmpty();
    }

    @Test
    void switchingToExternalMysqlRemovesTheManagedOneAndKeepsTheServices() {
        bringUp(TestPlatforms.withSpec(""));
        String goodsUid = deployment("shop-goods").getMetadata().getUid();
        editSpec("""
        mysql: {external: {jdbcUrl: "jdbc:mariadb://db.example.com:3306", credentialsSecret: {name: shop-db}}}
        """);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(statefulSet("shop-mysql")).isNull();
            assertThat(deployment("shop-goods")
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .getFirst()
                            .getEnv())
                    .extracting(EnvVar::getValue)
                    .contains("jdbc:mariadb://db.example.com:3306/goods");
        });
        assertThat(deployment("shop-goods").getMetadata().getUid())
                .as("updated, not recreated")
                .isEqualTo(goodsUid);
        assertThat(statefulSet("shop-broker")).isNotNull();
        assertThat(secret("shop-mysql-credentials"))
                .as("kept with the retained volume")
                .isNotNull();
    }

    @Test
    void failingStepIsReportedAsDegradedAndHoldsTheServicesBack() {
        apply(TestPlatforms.withSpec("rocketmq: {external: {nameServerAddress: \"unreachable.mq.svc:9876\"}}"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(status().phase()).isEqualTo("Degraded");
            assertThat(condition("Degraded").getReason()).isEqualTo("ReconcileFailed");
            assertThat(condition("Degraded").getMessage())
                    .contains("cannot create topics through name server unreachable.mq.svc:9876");
        });
        assertThat(deployments()).isEmpty();
    }

    /** Applies the platform and simulates every component becoming ready. */
    private void bringUp(OrderPlatform platform) {
        apply(platform);
        await().atMost(TIMEOUT)
                .until(() -> statefulSet("shop-nameserver") != null && statefulSet("shop-mysql") != null);
        markReady(statefulSet("shop-nameserver"));
        markReady(statefulSet("shop-mysql"));
        await().atMost(TIMEOUT).until(() -> statefulSet("shop-broker") != null);
        markReady(statefulSet("shop-broker"));
        await().atMost(TIMEOUT).until(() -> deployments().size() == 3);
        deployments().forEach(this::markReady);
    }

    /** Replaces the spec as kubectl edit would. */
    private void editSpec(String specYaml) {
        var spec = TestPlatforms.withSpec(specYaml).getSpec();
        editPlatform(platform -> platform.setSpec(spec));
    }

    /** Edits the platform as kubectl edit would, retrying when the operator wrote the object meanwhile. */
    private void editPlatform(Consumer<OrderPlatform> change) {
        await().atMost(TIMEOUT)
                .ignoreExceptionsMatching(
                        e -> e instanceof KubernetesClientException conflict && conflict.getCode() == 409)
                .until(() -> client.resources(OrderPlatform.class)
                                .inNamespace(namespace)
                                .withName("shop")
                                .edit(platform -> {
                                    change.accept(platform);
                                    return platform;
                                })
                        != null);
    }

    private OrderPlatform apply(OrderPlatform platform) {
        platform.getMetadata().setNamespace(namespace);
        platform.getMetadata().setGeneration(null);
        return client.resource(platform).create();
    }

    /** What the StatefulSet controller writes once all pods are ready and updated. */
    private void markReady(StatefulSet statefulSet) {
        int replicas = statefulSet.getSpec().getReplicas();
        statefulSet.setStatus(new StatefulSetStatusBuilder()
                .withObservedGeneration(observedGeneration(statefulSet))
                .withReplicas(replicas)
                .withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withCurrentRevision("r1")
                .withUpdateRevision("r1")
                .build());
        client.resource(statefulSet).updateStatus();
    }

    /** What the StatefulSet controller writes while its pod restarts. */
    private void markRestarting(StatefulSet statefulSet) {
        statefulSet.setStatus(new StatefulSetStatusBuilder(statefulSet.getStatus())
                .withReadyReplicas(0)
                .withAvailableReplicas(0)
                .build());
        client.resource(statefulSet).updateStatus();
    }

    private void markReady(Deployment deployment) {
        int replicas = deployment.getSpec().getReplicas();
        deployment.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(observedGeneration(deployment))
                .withReplicas(replicas)
                .withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .build());
        client.resource(deployment).updateStatus();
    }

    /** The generation the controller has seen (the mock may not count generations). */
    private static long observedGeneration(HasMetadata object) {
        return Objects.requireNonNullElse(object.getMetadata().getGeneration(), 1L);
    }

    private OrderPlatform platform() {
        return client.resources(OrderPlatform.class)
                .inNamespace(namespace)
                .withName("shop")
                .get();
    }

    private void deletePlatform() {
        client.resources(OrderPlatform.class)
                .inNamespace(namespace)
                .withName("shop")
                .delete();
    }

    private OrderPlatformStatus status() {
        var platform = platform();
        assertThat(platform.getStatus()).isNotNull();
        return platform.getStatus();
    }

    private Condition condition(String type) {
        return StatusesTest.condition(status(), type);
    }

    private io.fabric8.kubernetes.api.model.Secret secret(String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    private StatefulSet statefulSet(String name) {
        return client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    private List<Deployment> deployments() {
        return client.apps().deployments().inNamespace(namespace).list().getItems();
    }

    private List<HasMetadata> ownedObjects() {
        var objects = new ArrayList<HasMetadata>();
        objects.addAll(client.secrets()
                .inNamespace(namespace)
                .withLabel(Labels.MANAGED_BY)
                .list()
                .getItems());
        objects.addAll(client.configMaps()
                .inNamespace(namespace)
                .withLabel(Labels.MANAGED_BY)
                .list()
                .getItems());
        objects.addAll(client.services()
                .inNamespace(namespace)
                .withLabel(Labels.MANAGED_BY)
                .list()
                .getItems());
        objects.addAll(client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withLabel(Labels.MANAGED_BY)
                .list()
                .getItems());
        objects.addAll(client.apps()
                .deployments()
                .inNamespace(namespace)
                .withLabel(Labels.MANAGED_BY)
                .list()
                .getItems());
        objects.addAll(client.network()
                .v1()
                .networkPolicies()
                .inNamespace(namespace)
                .withLabel(Labels.MANAGED_BY)
                .list()
                .getItems());
        objects.addAll(disruptionBudgets());
        return objects;
    }

    private List<PodDisruptionBudget> disruptionBudgets() {
        return client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(namespace)
                .withLabel(Labels.MANAGED_BY)
                .list()
                .getItems();
    }

    /** The calls for this test's platform, whose name server address names its namespace. */
    private List<RecordingTopicAdmin.Call> topicAdminCalls() {
        String nameServer = "shop-nameserver-0.shop-nameserver." + namespace + ".svc:9876";
        return topicAdmin.calls().stream()
                .filter(call -> call.nameServerAddress().equals(nameServer))
                .toList();
    }

    /** The writes among the requests, to this test's namespace. */
    private List<String> writes(List<RecordedRequest> requests) {
        return requests.stream()
                .filter(request -> !"GET".equals(request.getMethod()))
                .filter(request -> request.getPath().contains("/namespaces/" + namespace + "/"))
                .map(request -> request.getMethod() + " " + request.getPath())
                .toList();
    }

    private static List<RecordedRequest> drainRequests() throws InterruptedException {
        var requests = new ArrayList<RecordedRequest>();
        for (RecordedRequest request; (request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null; ) {
            requests.add(request);
        }
        return requests;
    }
}
