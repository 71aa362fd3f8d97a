package dev.orderplatform.operator.monitoring;

import static dev.orderplatform.operator.platform.TestPlatforms.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import dev.orderplatform.operator.platform.TestPlatforms;
import dev.orderplatform.operator.services.AppServiceResources;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringResourcesTest {

    @Test
    void podMonitorScrapesTheNamedHttpPortOfEachServicePodOfThisPlatform() {
        var platform = settings("monitoring: {enabled: true}");

        var monitor = MonitoringResources.podMonitor(platform);

        assertThat(monitor.getMetadata().getName()).isEqualTo("shop-services");
        assertThat(monitor.getMetadata().getNamespace()).isEqualTo("test");
        var endpoint = monitor.getSpec().getPodMetricsEndpoints().getFirst();
        assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
        var selector = monitor.getSpec().getSelector();
        assertThat(selector.getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/instance", "shop"));
        assertThat(selector.getMatchExpressions().getFirst().getValues())
                .containsExactlyInAnyOrder("goods", "inventory", "order");
        for (AppService service : AppService.values()) {
            var template =
                    AppServiceResources.deployment(platform, service).getSpec().getTemplate();
            assertThat(template.getMetadata().getLabels())
                    .containsAllEntriesOf(selector.getMatchLabels())
                    .containsEntry(selector.getMatchExpressions().getFirst().getKey(), service.id());
            assertThat(template.getSpec().getContainers().getFirst().getPorts())
                    .extracting(ContainerPort::getName)
                    .contains(endpoint.getPort());
        }
        assertThat(monitor.getSpec().getJobLabel()).isEqualTo("app.kubernetes.io/name");
    }

    @Test
    void usersLabelsAreAddedButTheOperatorsOwnWin() {
        var platform = settings("""
        monitoring:
          enabled: true
          labels: {release: prometheus, app.kubernetes.io/managed-by: someone-else}
        """);

        for (var metadata : new ObjectMeta[] {
            MonitoringResources.podMonitor(platform).getMetadata(),
            MonitoringResources.prometheusRule(platform).getMetadata()
        }) {
            assertThat(metadata.getLabels())
                    .containsEntry("release", "prometheus")
                    .containsEntry("app.kubernetes.io/managed-by", "orderplatform-operator")
                    .containsEntry("app.kubernetes.io/instance", "shop");
        }
    }

    /** The operator ships the repository's rule file as it is: the build bundles that very file. */
    @Test
    void prometheusRuleHoldsTheRepositorysRuleFileVerbatim() throws IOException {
        var rule = MonitoringResources.prometheusRule(settings("monitoring: {enabled: true}"));
        var file = new YAMLMapper()
                .readValue(
                        TestPlatforms.REPOSITORY
                                .resolve("monitoring/prometheus/orderplatform-rules.yaml")
                                .toFile(),
                        new TypeReference<Map<String, Object>>() {});

        var spec = new ObjectMapper()
                .readValue(
                        new KubernetesSerialization().asJson(rule.getSpec()),
                        new TypeReference<Map<String, Object>>() {});

        assertThat(rule.getMetadata().getName()).isEqualTo("shop-rules");
        // An empty list is left out of the JSON, as Kubernetes objects go.
        assertThat(spec.getOrDefault("groups", List.of())).isEqualTo(file.get("groups"));
        assertThat(spec.keySet()).isSubsetOf(file.keySet());
    }
}
