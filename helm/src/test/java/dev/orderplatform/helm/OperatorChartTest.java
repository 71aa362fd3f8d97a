package dev.orderplatform.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The chart, linted and rendered offline by helm-java (Helm as a library, no binary, no cluster). */
class OperatorChartTest {

  static final Path CHART = Path.of("orderplatform-operator");
  static final String CRD = "orderplatforms.orderplatform.dev-v1.yml";

  final Helm helm = new Helm(CHART);

  @Test
  void lintsStrictlyWithoutFindings() {
    var result = helm.lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void chartInstallsTheCheckedInCrd() throws IOException {
    assertThat(Files.readString(CHART.resolve("crds").resolve(CRD)))
        .as("helm/orderplatform-operator/crds/ is stale: cp crds/%s helm/orderplatform-operator/crds/", CRD)
        .isEqualTo(Files.readString(Path.of("..", "crds", CRD)));
  }

  @Test
  void defaultValuesInstallALeastPrivilegeOperatorWatchingAllNamespaces() {
    var objects = render(template().withName("op").withNamespace("operators").skipCrds());

    assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
        "ServiceAccount/op-orderplatform-operator", "ClusterRole/op-orderplatform-operator",
        "ClusterRoleBinding/op-orderplatform-operator", "Role/op-orderplatform-operator-leader-election",
        "RoleBinding/op-orderplatform-operator-leader-election", "Service/op-orderplatform-operator",
        "Deployment/op-orderplatform-operator");

    var deployment = single(objects, Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "orderplatform-operator");
    assertThat(pod.getServiceAccountName()).isEqualTo("op-orderplatform-operator");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    var container = pod.getContainers().getFirst();
    assertThat(container.getImage()).isEqualTo("ghcr.io/orderplatform/operator:0.1.0-SNAPSHOT");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getVolumeMounts()).extracting("mountPath").containsExactly("/tmp");
    assertThat(env(container)).containsEntry("OPERATOR_WATCH_NAMESPACES", "");
    assertThat(container.getEnv()).filteredOn(variable -> variable.getName().equals("OPERATOR_NAMESPACE"))
        .singleElement().satisfies(variable ->
            assertThat(variable.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace"));

    var rules = single(objects, ClusterRole.class).getRules();
    assertThat(rules).flatExtracting(PolicyRule::getResources).containsExactlyInAnyOrder(
        "orderplatforms", "orderplatforms/status", "secrets", "configmaps", "services", "statefulsets",
        "deployments", "networkpolicies");
    assertThat(rules).flatExtracting(PolicyRule::getVerbs).doesNotContain("*", "escalate", "bind", "impersonate");
    assertThat(single(objects, ClusterRoleBinding.class).getSubjects().getFirst().getNamespace()).isEqualTo("operators");
  }

  @Test
  void nonDefaultValuesAreRendered(@TempDir Path dir) throws IOException {
    Path values = dir.resolve("values.yaml");
    Files.writeString(values, """
        image: {registry: registry.example.com/shop, tag: "1.4.2", pullPolicy: Always}
        replicaCount: 2
        watchNamespaces: [shop-a, shop-b]
        platform:
          create: true
          name: shop
          spec:
            orderTimeout: 15m
            services: {order: {replicas: 3}}
            dataRetention: Delete
        """);

    var objects = render(template().withName("orderplatform-operator").withNamespace("operators")
        .withValuesFile(values).skipCrds());

    var deployment = single(objects, Deployment.class);
    assertThat(deployment.getMetadata().getName()).isEqualTo("orderplatform-operator");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getImage()).isEqualTo("registry.example.com/shop/operator:1.4.2");
    assertThat(container.getImagePullPolicy()).isEqualTo("Always");
    assertThat(env(container)).containsEntry("OPERATOR_WATCH_NAMESPACES", "shop-a,shop-b");

    // Rights only where the operator works.
    assertThat(objects).noneMatch(ClusterRoleBinding.class::isInstance);
    assertThat(objects).filteredOn(RoleBinding.class::isInstance)
        .extracting(o -> o.getMetadata().getNamespace() + "/" + ((RoleBinding) o).getRoleRef().getKind())
        .containsExactlyInAnyOrder("shop-a/ClusterRole", "shop-b/ClusterRole", "operators/Role");

    var platform = single(objects, GenericKubernetesResource.class);
    assertThat(platform.getKind()).isEqualTo("OrderPlatform");
    assertThat(platform.getApiVersion()).isEqualTo("orderplatform.dev/v1alpha1");
    assertThat(platform.getMetadata().getNamespace()).isEqualTo("operators");
    assertThat(platform.<String>get("spec", "orderTimeout")).isEqualTo("15m");
    assertThat(platform.<Integer>get("spec", "services", "order", "replicas")).isEqualTo(3);
    assertThat(platform.<String>get("spec", "dataRetention")).isEqualTo("Delete");
  }

  @Test
  void emptyPlatformSpecRendersACompletePlatform() {
    var objects = render(template().withName("op").set("platform.create", true).skipCrds());

    var platform = single(objects, GenericKubernetesResource.class);
    assertThat(platform.getMetadata().getName()).isEqualTo("shop");
    assertThat(platform.getAdditionalProperties().get("spec")).isEqualTo(Map.of());
  }

  @Test
  void schemaRejectsNonsense() {
    assertThatThrownBy(() -> template().set("replicaCount", -1).call())
        .hasMessageContaining("replicaCount");
    assertThatThrownBy(() -> template().set("imageTag", "1.0").call())
        .hasMessageContaining("imageTag");
  }

  /** Helm's built-in default Kubernetes version (1.20) is older than the chart supports. */
  private TemplateCommand template() {
    return helm.template().withKubeVersion("1.32.0");
  }

  private static List<HasMetadata> render(TemplateCommand template) {
    return Arrays.stream(template.call().split("(?m)^---\\s*$"))
        .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
        .map(document -> (HasMetadata) Serialization.unmarshal(document))
        .toList();
  }

  private static <T> T single(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> {
      throw new AssertionError("more than one " + type.getSimpleName());
    }).orElseThrow(() -> new AssertionError("no " + type.getSimpleName()));
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream().filter(variable -> variable.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }
}
