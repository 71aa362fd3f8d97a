package dev.orderplatform.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.TestPlatforms;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The real-cluster check: a k3s cluster in Docker, the CRD and the operator installed by the Helm
 * chart (operator and broker images loaded from the tars the k3s profiles build),
 * then the minimal example applied. It verifies what the mock server cannot: the CRD's schema and CEL
 * rules enforced by a real API server, server-side apply, RBAC of the chart, leader election, real
 * StatefulSets with pods, volumes and probes, and topics created through the real RocketMQ admin
 * client. The service images must be pullable for the services to become ready, so the test stops
 * at "Deployments created". Skipped without a Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sEndToEndTest {

    static final Path OPERATOR_IMAGE_TAR = Path.of("target/jib-image.tar");
    /** The managed RocketMQ's default image, the project's broker. */
    static final Path BROKER_IMAGE_TAR =
            TestPlatforms.REPOSITORY.resolve("services/rocketmq-image/target/jib-image.tar");

    static final Path CHART = TestPlatforms.REPOSITORY.resolve("helm/orderplatform-operator");

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.32.4-k3s1"));

    @Test
    void chartInstallsTheOperatorWhichBuildsThePlatform() throws Exception {
        // A plain `./mvnw verify` on a machine with Docker does not build the images; only the k3s profiles do.
        // Without them there is nothing to install, so the test is skipped (with this message), not failed.
        assumeTrue(
                Files.exists(OPERATOR_IMAGE_TAR) && Files.exists(BROKER_IMAGE_TAR),
                "build the images first: "
                        + "./mvnw -pl services/rocketmq-image -am -Pk3s install -DskipTests && ./mvnw -pl operator -Pk3s verify");
        for (Path image : List.of(OPERATOR_IMAGE_TAR, BROKER_IMAGE_TAR)) {
            K3S.copyFileToContainer(MountableFile.forHostPath(image), "/tmp/image.tar");
            assertThat(K3S.execInContainer("ctr", "-n", "k8s.io", "images", "import", "/tmp/image.tar")
                            .getExitCode())
                    .as("import of %s", image)
                    .isZero();
        }

        String kubeconfig = K3S.getKubeConfigYaml();
        new Helm(CHART)
                .install()
                .withName("orderplatform-operator")
                .withNamespace("orderplatform-system")
                .createNamespace()
                .withKubeConfigContents(kubeconfig)
                .waitReady()
                .call();

        try (var client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(kubeconfig))
                .build()) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("shop")
                            .endMetadata()
                            .build())
                    .create();
            var platforms = client.resources(OrderPlatform.class).inNamespace("shop");

            // The API server enforces the CRD's schema: the operator never sees this one.
            var invalid = TestPlatforms.withSpec("""
          mysql:
            managed: {}
            external: {jdbcUrl: "jdbc:mariadb://db:3306", credentialsSecret: {name: db}}
          """);
            invalid.getMetadata().setNamespace("shop");
            invalid.getMetadata().setName("invalid");
            assertThatThrownBy(() -> platforms.resource(invalid).create())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("set either mysql.managed or mysql.external, not both");

            var platform = TestPlatforms.example("minimal.yaml");
            platform.getMetadata().setNamespace("shop");
            platforms.resource(platform).create();

            // Pulling mysql and starting it and RocketMQ takes minutes.
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofSeconds(5))
                    .untilAsserted(() -> {
                        var status = platforms.withName("shop").get().getStatus();
                        assertThat(status).isNotNull();
                        assertThat(status.components())
                                .filteredOn(component -> !component.name().matches("goods|inventory|order"))
                                .allSatisfy(component -> assertThat(component.rolledOut())
                                        .as(component.name())
                                        .isTrue());
                        assertThat(client.apps()
                                        .deployments()
                                        .inNamespace("shop")
                                        .list()
                                        .getItems())
                                .hasSize(3);
                    });
        }
    }
}
