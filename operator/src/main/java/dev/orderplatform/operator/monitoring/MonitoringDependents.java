package dev.orderplatform.operator.monitoring;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformDependent;
import dev.orderplatform.operator.platform.PlatformSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.time.Duration;

/**
 * The PodMonitor and the PrometheusRule as workflow nodes. Their kinds exist only where the Prometheus Operator's
 * CRDs are installed: an activation condition keeps JOSDK from watching or writing them elsewhere, so the
 * operator works with and without the Prometheus Operator.
 */
public final class MonitoringDependents {

    /** How often a missing CRD is looked up again, at most (once per reconcile of some platform). */
    static final Duration CRD_CHECK_INTERVAL = Duration.ofSeconds(10);
    /**
     * How soon a platform that wants monitoring where the CRDs are missing is reconciled again: installing them
     * triggers no reconcile by itself. Longer than {@link #CRD_CHECK_INTERVAL}, so each such reconcile looks again.
     */
    public static final Duration RECHECK = Duration.ofSeconds(30);

    private MonitoringDependents() {}

    /**
     * Activation condition: the dependent's CRD is installed. JOSDK's condition gives up after 10 checks by
     * default; this one keeps looking, so monitoring starts once the Prometheus Operator is installed, without a
     * restart of this operator. A CRD once found is taken to stay (JOSDK caches it per JVM).
     */
    public static class PrometheusOperatorInstalled<R extends HasMetadata>
            extends CRDPresentActivationCondition<R, OrderPlatform> {
        public PrometheusOperatorInstalled() {
            super(Integer.MAX_VALUE, CRD_CHECK_INTERVAL);
        }
    }

    /** Reconcile precondition: spec.monitoring.enabled. Unmet, JOSDK deletes what was created. */
    public static class MonitoringEnabled implements Condition<Object, OrderPlatform> {
        @Override
        public boolean isMet(
                DependentResource<Object, OrderPlatform> dependent,
                OrderPlatform primary,
                Context<OrderPlatform> context) {
            return PlatformSettings.of(primary).monitoring().enabled();
        }
    }

    @KubernetesDependent(
            informer =
                    @Informer(
                            labelSelector =
                                    Labels.MANAGED_COMPONENT_SELECTOR + MonitoringResources.POD_MONITOR_COMPONENT))
    public static class ServicesPodMonitor extends PlatformDependent<PodMonitor> {
        public ServicesPodMonitor() {
            super(PodMonitor.class, MonitoringResources::podMonitorName, MonitoringResources::podMonitor);
        }
    }

    @KubernetesDependent(
            informer =
                    @Informer(
                            labelSelector =
                                    Labels.MANAGED_COMPONENT_SELECTOR + MonitoringResources.PROMETHEUS_RULE_COMPONENT))
    public static class PlatformPrometheusRule extends PlatformDependent<PrometheusRule> {
        public PlatformPrometheusRule() {
            super(PrometheusRule.class, MonitoringResources::prometheusRuleName, MonitoringResources::prometheusRule);
        }
    }
}
