package dev.orderplatform.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderplatform.k8s.testkit.CommandResult;
import dev.orderplatform.k8s.testkit.ControlPlane;
import dev.orderplatform.k8s.testkit.WithControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart with the real helm and kubectl CLIs against a real API server: what a user types to install the
 * operator works, and the API server (not only helm's renderer) accepts every object.
 */
@WithControlPlane
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmChartIT {

    static final Path REPOSITORY = Path.of(System.getProperty("orderplatform.repository.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path CHART = REPOSITORY.resolve("helm/orderplatform-operator");

    @Test
    void lintsStrictlyWithTheHelmCli(ControlPlane cluster) {
        var lint = cluster.helm("lint", "--strict", CHART.toString());

        assertThat(lint.exitCode()).as(lint.toString()).isZero();
        assertThat(lint.stdout()).contains("1 chart(s) linted, 0 chart(s) failed");
    }

    @Test
    void installsWithDefaultValuesIntoANewNamespace(ControlPlane cluster) {
        var install = cluster.helm(
                "install",
                "defaults",
                CHART.toString(),
                "--namespace",
                "helm-defaults",
                "--create-namespace",
                "--wait",
                "--timeout",
                "2m");

        assertThat(install.exitCode()).as(install.toString()).isZero();
        String operator = "defaults-orderplatform-operator";
        var deployment = cluster.adminClient()
                .apps()
                .deployments()
                .inNamespace("helm-defaults")
                .withName(operator)
                .get();
        assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(1);
        assertThat(cluster.kubectl(
                                "get",
                                "crd",
                                "orderplatforms.orderplatform.dev",
                                "-o",
                                "jsonpath={.status.conditions[?(@.type=='Established')].status}")
                        .orThrow()
                        .stdout())
                .isEqualTo("True");
        // Cluster-wide rights by default, and only those the operator needs.
        String serviceAccount = "system:serviceaccount:helm-defaults:" + operator;
        assertThat(canI(cluster, serviceAccount, "create", "statefulsets.apps", "any-namespace"))
                .isTrue();
        assertThat(canI(cluster, serviceAccount, "list", "customresourcedefinitions.apiextensions.k8s.io", ""))
                .isFalse();
        // The dashboard is off by default.
        assertThat(cluster.adminClient()
                        .configMaps()
                        .inNamespace("helm-defaults")
                        .withName(operator + "-dashboards")
                        .get())
                .isNull();
        // No finalizer to write: the platforms themselves are only read, their status is written.
        assertThat(canI(
                        cluster,
                        serviceAccount,
                        "patch",
                        "orderplatforms.orderplatform.dev",
                        "elsewhere",
                        "--subresource=status"))
                .isTrue();
        assertThat(canI(cluster, serviceAccount, "patch", "orderplatforms.orderplatform.dev", "elsewhere"))
                .isFalse();
        assertThat(canI(cluster, serviceAccount, "create", "pods", "any-namespace"))
                .isFalse();
        assertThat(canI(cluster, serviceAccount, "delete", "persistentvolumes", ""))
                .isFalse();
    }

    @Test
    void installsWithNonDefaultValues(ControlPlane cluster) throws IOException {
        for (String namespace : new String[] {"shop-a", "shop-b"}) {
            cluster.adminClient()
                    .namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(namespace)
                            .endMetadata()
                            .build())
                    .create();
        }
        Path values = OperatorChartTest.NON_DEFAULT_VALUES.toAbsolutePath();

        var install = cluster.helm(
                "install",
                "custom",
                CHART.toString(),
                "--namespace",
                "helm-custom",
                "--create-namespace",
                "--values",
                values.toString(),
                "--wait",
                "--timeout",
                "2m");

        assertThat(install.exitCode()).as(install.toString()).isZero();
        var deployment = cluster.adminClient()
                .apps()
                .deployments()
                .inNamespace("helm-custom")
                .withName("custom-orderplatform-operator")
                .get();
        assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .isEqualTo("registry.example.com/shop/operator:1.4.2");
        var platform = cluster.kubectl(
                        "get",
                        "orderplatform",
                        "shop",
                        "-n",
                        "helm-custom",
                        "-o",
                        "jsonpath={.spec.orderTimeout} {.spec.services.order.replicas} {.spec.dataRetention}")
                .orThrow();
        assertThat(platform.stdout()).isEqualTo("15m 3 Delete");
        // Rights in the watched namespaces only.
        String serviceAccount = "system:serviceaccount:helm-custom:custom-orderplatform-operator";
        assertThat(canI(cluster, serviceAccount, "create", "deployments.apps", "shop-a"))
                .isTrue();
        assertThat(canI(cluster, serviceAccount, "create", "deployments.apps", "shop-b"))
                .isTrue();
        assertThat(canI(cluster, serviceAccount, "create", "deployments.apps", "default"))
                .isFalse();
        // Whether the Prometheus Operator is installed is read cluster-wide, from its CRDs alone.
        assertThat(canI(
                        cluster,
                        serviceAccount,
                        "get",
                        "customresourcedefinitions.apiextensions.k8s.io/podmonitors.monitoring.coreos.com",
                        ""))
                .isTrue();
        assertThat(canI(
                        cluster,
                        serviceAccount,
                        "get",
                        "customresourcedefinitions.apiextensions.k8s.io/orderplatforms.orderplatform.dev",
                        ""))
                .isFalse();

        // The Grafana dashboard, where the values put it, labelled for the sidecar.
        var dashboards = cluster.adminClient()
                .configMaps()
                .inNamespace("shop-a")
                .withName("custom-orderplatform-operator-dashboards")
                .get();
        assertThat(dashboards.getMetadata().getLabels())
                .containsEntry("grafana.example.com/dashboard", "orderplatform");
        assertThat(new ObjectMapper().readTree(dashboards.getData().get("orderplatform.json")))
                .isEqualTo(new ObjectMapper()
                        .readTree(CHART.resolve("dashboards/orderplatform.json").toFile()));
    }

    @Test
    void renderedChartIsAcceptedByTheApiServer(ControlPlane cluster, @TempDir Path dir) throws IOException {
        // Offline rendering assumes Kubernetes 1.20 unless told, which the chart's kubeVersion refuses.
        var template = cluster.helm(
                        "template",
                        "rendered",
                        CHART.toString(),
                        "--namespace",
                        "helm-rendered",
                        "--include-crds",
                        "--kube-version",
                        cluster.binaries().kubernetesVersion())
                .orThrow();
        Path manifest = Files.writeString(dir.resolve("rendered.yaml"), template.stdout());
        cluster.kubectl("create", "namespace", "helm-rendered").orThrow();

        var dryRun = cluster.kubectl("apply", "--dry-run=server", "-f", manifest.toString());

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout())
                .contains("deployment.apps/rendered-orderplatform-operator created (server dry run)");
    }

    /**
     * The README's "kubectl only" commands, word for word, from the repository root, on a cluster without the CRD
     * (first: a CRD that helm created is managed by helm, and a server-side apply of it then conflicts).
     */
    @Test
    @Order(1)
    void installsWithKubectlAloneAsTheReadmeSays(ControlPlane cluster) {
        var steps = new CommandResult[] {
            cluster.kubectlIn(
                    REPOSITORY, "apply", "--server-side", "-f", "crds/orderplatforms.orderplatform.dev-v1.yml"),
            cluster.kubectlIn(REPOSITORY, "create", "namespace", "orderplatform-system"),
            cluster.kubectlIn(REPOSITORY, "apply", "-f", "helm/kubectl/orderplatform-operator.yaml")
        };

        for (CommandResult step : steps) {
            assertThat(step.exitCode()).as(step.toString()).isZero();
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(cluster.adminClient()
                                .apps()
                                .deployments()
                                .inNamespace("orderplatform-system")
                                .withName("orderplatform-operator")
                                .get()
                                .getStatus()
                                .getAvailableReplicas())
                        .isEqualTo(1));
    }

    private static boolean canI(
            ControlPlane cluster, String user, String verb, String resource, String namespace, String... options) {
        var command = new ArrayList<>(List.of("auth", "can-i", verb, resource, "--as=" + user));
        if (!namespace.isEmpty()) {
            command.addAll(List.of("-n", namespace));
        }
        command.addAll(List.of(options));
        return cluster.kubectl(command.toArray(String[]::new)).stdout().strip().equals("yes");
    }
}
