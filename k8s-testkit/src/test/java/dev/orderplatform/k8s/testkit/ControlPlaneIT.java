package dev.orderplatform.k8s.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control plane itself, on an instance of its own so that stopping it can be checked: pods of a Deployment
 * become Ready on kwok nodes, claims get volumes, RBAC refuses what a ServiceAccount was not granted, the garbage
 * collector deletes what an owner leaves behind, and nothing runs after {@link ControlPlane#close()}.
 */
@ExtendWith(ControlPlaneExtension.class) // for the skip without binaries; the instance is this class's own
class ControlPlaneIT {

    private static ControlPlane controlPlane;

    @BeforeAll
    static void start() {
        var binaries = ((ControlPlaneBinaries.Resolution.Found) ControlPlaneBinaries.resolve()).binaries();
        controlPlane = ControlPlane.start(binaries, Path.of("target/k8s/control-plane-it"));
    }

    @AfterAll
    static void stop() {
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    @Test
    void deploymentPodsBecomeReadyAndClaimsAreBound() {
        var client = controlPlane.adminClient();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("pods")
                        .endMetadata()
                        .build())
                .create();
        client.apps()
                .deployments()
                .inNamespace("pods")
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(2)
                        .withNewSelector()
                        .addToMatchLabels("app", "web")
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", "web")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("web")
                        .withImage("example.invalid/web:1")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        client.persistentVolumeClaims()
                .inNamespace("pods")
                .resource(new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName("data")
                        .endMetadata()
                        .withNewSpec()
                        .withAccessModes("ReadWriteOnce")
                        .withNewResources()
                        .addToRequests("storage", new Quantity("1Gi"))
                        .endResources()
                        .endSpec()
                        .build())
                .create();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var status = client.apps()
                    .deployments()
                    .inNamespace("pods")
                    .withName("web")
                    .get()
                    .getStatus();
            assertThat(status.getReadyReplicas()).isEqualTo(2);
            assertThat(client.persistentVolumeClaims()
                            .inNamespace("pods")
                            .withName("data")
                            .get()
                            .getStatus()
                            .getPhase())
                    .isEqualTo("Bound");
        });

        client.apps().deployments().inNamespace("pods").withName("web").delete();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(client.apps()
                                .replicaSets()
                                .inNamespace("pods")
                                .withLabel("app", "web")
                                .list()
                                .getItems())
                        .isEmpty());
    }

    /** kwok renews each node's Lease as a kubelet does; otherwise the nodes turn NotReady after the grace period. */
    @Test
    void nodesKeepTheirLeasesFresh() {
        var leases = controlPlane.adminClient().leases().inNamespace("kube-node-lease");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(leases.list().getItems())
                        .extracting(lease -> lease.getMetadata().getName())
                        .containsExactlyInAnyOrder("kwok-node-0", "kwok-node-1", "kwok-node-2"));
        var firstRenewal = leases.withName("kwok-node-0").get().getSpec().getRenewTime();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                leases.withName("kwok-node-0").get().getSpec().getRenewTime())
                        .isAfter(firstRenewal));
    }

    @Test
    void serviceAccountsGetOnlyWhatRbacGrants() {
        var admin = controlPlane.adminClient();
        admin.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("rbac")
                        .endMetadata()
                        .build())
                .create();
        admin.serviceAccounts()
                .inNamespace("rbac")
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("nobody")
                        .endMetadata()
                        .build())
                .create();

        try (var nobody = new KubernetesClientBuilder()
                .withConfig(controlPlane.serviceAccountConfig("rbac", "nobody"))
                .build()) {
            assertThatThrownBy(() -> nobody.secrets().inNamespace("rbac").list())
                    .isInstanceOfSatisfying(
                            KubernetesClientException.class,
                            e -> assertThat(e.getCode()).isEqualTo(403));
        }
        var kubectl = controlPlane
                .kubectlAs(
                        controlPlane.serviceAccountKubeconfig("rbac", "nobody"),
                        "auth",
                        "whoami",
                        "-o",
                        "jsonpath={.status.userInfo.username}")
                .orThrow();
        assertThat(kubectl.stdout()).isEqualTo("system:serviceaccount:rbac:nobody");
    }

    @Test
    void stopLeavesNothingRunning() {
        var binaries = controlPlane.binaries();
        var other = ControlPlane.start(binaries, Path.of("target/k8s/control-plane-it-stop"));
        var children = ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .count();
        assertThat(children).isGreaterThanOrEqualTo(10); // two control planes of five processes each
        String workDirectory = other.workDirectory().toString();

        other.close();

        assertThat(ProcessHandle.allProcesses()
                        .filter(process ->
                                process.info().commandLine().orElse("").contains(workDirectory)))
                .as("processes of the stopped control plane")
                .isEmpty();
    }
}
