package dev.orderplatform.operator.cluster;

import dev.orderplatform.k8s.testkit.ControlPlane;
import dev.orderplatform.operator.OperatorApp;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The operator as the Helm chart installs it, run in the test JVM: the chart is installed with the real helm CLI
 * into {@value #NAMESPACE}, and the operator authenticates with a token of the chart's ServiceAccount, so every
 * call it makes is checked against the chart's RBAC. Server-side apply and leader election are on, as in the
 * chart's Deployment (whose pod kwok reports running, without a container).
 *
 * <p>Its RocketMQ admin calls go to an {@link EmbeddedBrokerTopicAdmin}.
 */
final class ClusterOperator {

    static final String NAMESPACE = "orderplatform-system";
    static final String RELEASE = "orderplatform-operator";
    static final String SERVICE_ACCOUNT = "orderplatform-operator";
    static final String USER = "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT;

    private static ClusterOperator shared;

    private final ControlPlane cluster;
    private final EmbeddedBrokerTopicAdmin topicAdmin;
    private OperatorApp app;

    private ClusterOperator(ControlPlane cluster, EmbeddedBrokerTopicAdmin topicAdmin) {
        this.cluster = cluster;
        this.topicAdmin = topicAdmin;
    }

    /** The chart installed and the operator running, once per JVM. */
    static synchronized ClusterOperator shared(ControlPlane cluster) {
        if (shared == null) {
            cluster.helm(
                            "install",
                            RELEASE,
                            ClusterFiles.CHART.toString(),
                            "--namespace",
                            NAMESPACE,
                            "--create-namespace",
                            "--wait",
                            "--timeout",
                            "2m")
                    .orThrow();
            shared = new ClusterOperator(cluster, EmbeddedBrokerTopicAdmin.start());
            shared.start();
            var started = shared;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                started.stop();
                                started.topicAdmin.close();
                            },
                            "cluster-operator-stop"));
        }
        return shared;
    }

    synchronized void start() {
        var client = new KubernetesClientBuilder()
                .withConfig(cluster.serviceAccountConfig(NAMESPACE, SERVICE_ACCOUNT))
                .build();
        try {
            app = OperatorApp.start(client, topicAdmin, new OperatorApp.Settings(0, NAMESPACE, List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the operator as a crash would: whatever it was doing is left half done. */
    synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
