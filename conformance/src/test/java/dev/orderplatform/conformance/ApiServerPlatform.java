package dev.orderplatform.conformance;

import static org.awaitility.Awaitility.await;

import dev.orderplatform.k8s.testkit.ControlPlane;
import dev.orderplatform.operator.OperatorApp;
import dev.orderplatform.operator.cluster.EmbeddedBrokerTopicAdmin;
import dev.orderplatform.operator.platform.OrderPlatform;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator generates for a platform, as the API server holds it: the CRD installed, the operator run
 * against the control plane until the platform's Deployments exist (kwok reports its StatefulSets ready), then every
 * object of the platform's namespace that a pod reads listed back.
 *
 * <p>The operator's topic step goes to an {@link EmbeddedBrokerTopicAdmin}; the platform's broker, run later from
 * the generated broker.conf, gets its topics from the runner.
 */
final class ApiServerPlatform {

    private static final Duration GENERATED_TIMEOUT = Duration.ofMinutes(3);

    private ApiServerPlatform() {}

    static List<HasMetadata> objects(ControlPlane cluster, Path repository, OrderPlatform platform) {
        String namespace = platform.getMetadata().getNamespace();
        cluster.kubectl(
                        "apply",
                        "--server-side",
                        "--force-conflicts",
                        "-f",
                        repository
                                .resolve("crds/orderplatforms.orderplatform.dev-v1.yml")
                                .toString())
                .orThrow();
        cluster.kubectl("wait", "--for=condition=Established", "crd/orderplatforms.orderplatform.dev")
                .orThrow();
        cluster.kubectl("create", "namespace", namespace).orThrow();
        var client = cluster.adminClient();
        var topicAdmin = EmbeddedBrokerTopicAdmin.start();
        OperatorApp operator = null;
        try {
            operator = OperatorApp.start(client, topicAdmin, new OperatorApp.Settings(0, null, List.of()));
            client.resource(platform).create();
            await().atMost(GENERATED_TIMEOUT)
                    .until(() -> client.apps()
                                    .deployments()
                                    .inNamespace(namespace)
                                    .list()
                                    .getItems()
                                    .size()
                            == 3);
            var objects = new ArrayList<HasMetadata>();
            objects.addAll(client.secrets().inNamespace(namespace).list().getItems());
            objects.addAll(client.configMaps().inNamespace(namespace).list().getItems());
            objects.addAll(client.services().inNamespace(namespace).list().getItems());
            objects.addAll(
                    client.apps().statefulSets().inNamespace(namespace).list().getItems());
            objects.addAll(
                    client.apps().deployments().inNamespace(namespace).list().getItems());
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (operator != null) {
                operator.stop();
            }
            topicAdmin.close();
        }
    }
}
