package dev.orderplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedPlatformTest {

    @Test
    void resolvesSecretReferencesAsTheKubeletDoes() {
        var platform = GeneratedPlatform.of(List.of(
                new SecretBuilder()
                        .withNewMetadata()
                        .withName("db")
                        .withNamespace("ns")
                        .endMetadata()
                        .withData(Map.of("password", "czNjcmV0"))
                        .build(),
                deployment(
                        "goods",
                        new PodSpecBuilder()
                                .addNewContainer()
                                .withName("goods")
                                .withImage("reg/goods:1")
                                .withEnv(
                                        new EnvVarBuilder()
                                                .withName("PLAIN")
                                                .withValue("x")
                                                .build(),
                                        new EnvVarBuilder()
                                                .withName("PASSWORD")
                                                .withNewValueFrom()
                                                .withNewSecretKeyRef()
                                                .withName("db")
                                                .withKey("password")
                                                .endSecretKeyRef()
                                                .endValueFrom()
                                                .build())
                                .addNewPort()
                                .withName("http")
                                .withContainerPort(8081)
                                .endPort()
                                .endContainer()
                                .build())));

        var goods = platform.services().get("goods");

        assertThat(goods.env()).containsExactlyInAnyOrderEntriesOf(Map.of("PLAIN", "x", "PASSWORD", "s3cret"));
        assertThat(goods.imageName()).isEqualTo("goods");
        assertThat(goods.port("http")).isEqualTo(8081);
    }

    @Test
    void findsBrokerConfThroughTheVolumeMountedWhereTheBrokerReadsIt() {
        var platform = GeneratedPlatform.of(List.of(
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("broker-config")
                        .withNamespace("ns")
                        .endMetadata()
                        .withData(Map.of("broker.conf", "listenPort=10911\n"))
                        .build(),
                statefulSet(
                        "broker",
                        new PodSpecBuilder()
                                .addNewContainer()
                                .withName("broker")
                                .withImage("rocketmq")
                                .withCommand("sh", "mqbroker", "-c", "/etc/rocketmq/broker.conf")
                                .addNewVolumeMount()
                                .withName("config")
                                .withMountPath("/etc/rocketmq")
                                .endVolumeMount()
                                .endContainer()
                                .addNewVolume()
                                .withName("config")
                                .withNewConfigMap()
                                .withName("broker-config")
                                .endConfigMap()
                                .endVolume()
                                .build())));

        assertThat(platform.broker().brokerConf()).isEqualTo("listenPort=10911\n");
        assertThat(platform.broker().properties()).containsEntry("listenPort", "10911");
    }

    @Test
    void failsClearlyOnAMissingSecret() {
        var platform = GeneratedPlatform.of(List.of(deployment(
                "order",
                new PodSpecBuilder()
                        .addNewContainer()
                        .withName("order")
                        .withImage("order")
                        .withEnv(new EnvVarBuilder()
                                .withName("JWT")
                                .withNewValueFrom()
                                .withNewSecretKeyRef()
                                .withName("shop-jwt")
                                .withKey("secret")
                                .endSecretKeyRef()
                                .endValueFrom()
                                .build())
                        .endContainer()
                        .build())));

        assertThatThrownBy(platform::services).hasMessage("no Secret shop-jwt in ns");
    }

    private static HasMetadata deployment(String name, PodSpec pod) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withSpec(pod)
                .endTemplate()
                .endSpec()
                .build();
    }

    private static HasMetadata statefulSet(String name, PodSpec pod) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withSpec(pod)
                .endTemplate()
                .endSpec()
                .build();
    }
}
