package dev.orderplatform.operator.monitoring;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.PlatformContract;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import dev.orderplatform.operator.platform.PlatformSettings;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Desired state of a platform's monitoring objects (monitoring.coreos.com/v1): one PodMonitor that scrapes the
 * three services and one PrometheusRule holding the repository's rule file, monitoring/prometheus/
 * orderplatform-rules.yaml, verbatim (the build bundles that one file into the operator).
 */
public final class MonitoringResources {

    public static final String POD_MONITOR_COMPONENT = "pod-monitor";
    public static final String PROMETHEUS_RULE_COMPONENT = "prometheus-rule";
    /** Where the build puts the rule file in the operator's jar (operator/pom.xml). */
    private static final String RULES_RESOURCE = "/dev/orderplatform/operator/monitoring/orderplatform-rules.yaml";

    private static final PrometheusRuleSpec RULES = readRules(RULES_RESOURCE);

    private MonitoringResources() {}

    public static String podMonitorName(PlatformSettings platform) {
        return platform.resourceName("services");
    }

    public static String prometheusRuleName(PlatformSettings platform) {
        return platform.resourceName("rules");
    }

    /**
     * Scrapes the named http port of the goods, inventory and order pods of this platform. The job label is the
     * service's name (its pods' app.kubernetes.io/name), so series read job="order" rather than the PodMonitor's.
     */
    public static PodMonitor podMonitor(PlatformSettings platform) {
        return new PodMonitorBuilder()
                .withMetadata(metadata(platform, POD_MONITOR_COMPONENT, podMonitorName(platform)))
                .withNewSpec()
                .withJobLabel(Labels.NAME)
                .withNewSelector()
                .addToMatchLabels(Labels.INSTANCE, platform.name())
                .addNewMatchExpression()
                .withKey(Labels.NAME)
                .withOperator("In")
                .withValues(Stream.of(AppService.values()).map(AppService::id).toList())
                .endMatchExpression()
                .endSelector()
                .addNewPodMetricsEndpoint()
                .withPort("http")
                .withPath(PlatformContract.PROMETHEUS_PATH)
                .endPodMetricsEndpoint()
                .endSpec()
                .build();
    }

    /** The platform's alerting and recording rules: the bundled rule file, as it is. */
    public static PrometheusRule prometheusRule(PlatformSettings platform) {
        return new PrometheusRuleBuilder()
                .withMetadata(metadata(platform, PROMETHEUS_RULE_COMPONENT, prometheusRuleName(platform)))
                .withSpec(RULES)
                .build();
    }

    /** The user's labels (for a Prometheus' selectors) and the operator's own, which win: its informers select by them. */
    private static ObjectMeta metadata(PlatformSettings platform, String component, String name) {
        var labels = new HashMap<>(platform.monitoring().labels());
        labels.putAll(Labels.of(platform, component));
        return new ObjectMetaBuilder(Labels.metadata(platform, component, name))
                .withLabels(labels)
                .build();
    }

    private static PrometheusRuleSpec readRules(String resource) {
        try (InputStream in = Objects.requireNonNull(
                MonitoringResources.class.getResourceAsStream(resource), resource + " is not in the operator's jar")) {
            return new KubernetesSerialization()
                    .unmarshal(new String(in.readAllBytes(), StandardCharsets.UTF_8), PrometheusRuleSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
