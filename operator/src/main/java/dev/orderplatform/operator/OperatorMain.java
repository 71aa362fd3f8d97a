package dev.orderplatform.operator;

import dev.orderplatform.operator.platform.OperatorNamespace;
import dev.orderplatform.operator.rocketmq.RocketMqTopicAdmin;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the operator image. Configuration by environment (the Helm chart sets it):
 * <ul>
 *   <li>{@code OPERATOR_HTTP_PORT}: port of /healthz, /readyz and /metrics, default 8080;</li>
 *   <li>{@code OPERATOR_NAMESPACE}: the operator's own namespace, where the leader-election Lease lives and
 *       whose pods the platforms' network policies let reach the brokers; unset, no leader election (for
 *       running one instance outside a cluster);</li>
 *   <li>{@code OPERATOR_WATCH_NAMESPACES}: comma-separated namespaces to watch; empty, all.</li>
 * </ul>
 * The Kubernetes client finds the cluster as kubectl does: in-cluster service account, else kubeconfig.
 */
public final class OperatorMain {

    private OperatorMain() {}

    public static void main(String[] args) throws IOException {
        var settings = new OperatorApp.Settings(
                Integer.parseInt(System.getenv().getOrDefault("OPERATOR_HTTP_PORT", "8080")),
                OperatorNamespace.current(),
                namespaces(System.getenv("OPERATOR_WATCH_NAMESPACES")));
        var app = OperatorApp.start(new KubernetesClientBuilder().build(), new RocketMqTopicAdmin(), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
    }

    private static List<String> namespaces(String value) {
        return value == null
                ? List.of()
                : Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(namespace -> !namespace.isEmpty())
                        .toList();
    }
}
