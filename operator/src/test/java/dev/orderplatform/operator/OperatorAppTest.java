package dev.orderplatform.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderplatform.operator.platform.TestPlatforms;
import dev.orderplatform.operator.rocketmq.RecordingTopicAdmin;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The process around the controller: health and metrics endpoints. Leader election stays off here:
 * JOSDK first checks its rights on Leases with a SelfSubjectRulesReview, which the mock cannot answer.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorAppTest {

    KubernetesClient client;

    @Test
    void servesHealthAndMetrics() throws Exception {
        try (var crd = Files.newInputStream(
                TestPlatforms.REPOSITORY.resolve("crds/orderplatforms.orderplatform.dev-v1.yml"))) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).create();
        }
        var app = OperatorApp.start(client, new RecordingTopicAdmin(), new OperatorApp.Settings(0, null, List.of()));
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(get(app, "/healthz").statusCode()).isEqualTo(200);
                assertThat(get(app, "/readyz").statusCode()).isEqualTo(200);
            });
            var metrics = get(app, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        } finally {
            app.stop();
        }
    }

    private static HttpResponse<String> get(OperatorApp app, String path) throws IOException, InterruptedException {
        try (var http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
