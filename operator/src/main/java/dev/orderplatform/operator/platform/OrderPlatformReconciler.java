package dev.orderplatform.operator.platform;

import dev.orderplatform.operator.monitoring.MonitoringDependents;
import dev.orderplatform.operator.monitoring.MonitoringDependents.MonitoringEnabled;
import dev.orderplatform.operator.monitoring.MonitoringDependents.PlatformPrometheusRule;
import dev.orderplatform.operator.monitoring.MonitoringDependents.PrometheusOperatorInstalled;
import dev.orderplatform.operator.monitoring.MonitoringDependents.ServicesPodMonitor;
import dev.orderplatform.operator.mysql.MysqlInitConfigDependent;
import dev.orderplatform.operator.mysql.MysqlResources;
import dev.orderplatform.operator.mysql.MysqlServiceDependent;
import dev.orderplatform.operator.mysql.MysqlStatefulSetDependent;
import dev.orderplatform.operator.platform.Conditions.AnyInfrastructureManaged;
import dev.orderplatform.operator.platform.Conditions.MysqlManaged;
import dev.orderplatform.operator.platform.Conditions.RocketmqManaged;
import dev.orderplatform.operator.platform.Conditions.StatefulSetReady;
import dev.orderplatform.operator.platform.OrderPlatformStatus.ComponentStatus;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import dev.orderplatform.operator.rocketmq.BrokerConfigDependent;
import dev.orderplatform.operator.rocketmq.BrokerServiceDependent;
import dev.orderplatform.operator.rocketmq.BrokerStatefulSetDependent;
import dev.orderplatform.operator.rocketmq.MessagingGate;
import dev.orderplatform.operator.rocketmq.NameServerServiceDependent;
import dev.orderplatform.operator.rocketmq.NameServerStatefulSetDependent;
import dev.orderplatform.operator.rocketmq.RocketmqResources;
import dev.orderplatform.operator.rocketmq.TopicsDependent;
import dev.orderplatform.operator.rocketmq.TopicsState;
import dev.orderplatform.operator.secrets.JwtSecretDependent;
import dev.orderplatform.operator.secrets.MysqlCredentialsDependent;
import dev.orderplatform.operator.services.AppServiceDependents.CreatedOnceInfrastructureServes;
import dev.orderplatform.operator.services.AppServiceDependents.GoodsDeployment;
import dev.orderplatform.operator.services.AppServiceDependents.GoodsDisruptionBudget;
import dev.orderplatform.operator.services.AppServiceDependents.GoodsService;
import dev.orderplatform.operator.services.AppServiceDependents.GrpcNetworkPolicy;
import dev.orderplatform.operator.services.AppServiceDependents.InventoryDeployment;
import dev.orderplatform.operator.services.AppServiceDependents.InventoryDisruptionBudget;
import dev.orderplatform.operator.services.AppServiceDependents.InventoryService;
import dev.orderplatform.operator.services.AppServiceDependents.OrderDeployment;
import dev.orderplatform.operator.services.AppServiceDependents.OrderDisruptionBudget;
import dev.orderplatform.operator.services.AppServiceDependents.OrderService;
import dev.orderplatform.operator.services.AppServiceDependents.Replicated;
import dev.orderplatform.operator.services.AppServiceResources;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an OrderPlatform into its objects through a JOSDK workflow. Edges are "depends on":
 *
 * <pre>
 * mysql-credentials, mysql-init, mysql-service  <-  mysql
 * nameserver-service  <-  nameserver (ready)  <-  broker  ->  broker-config, broker-service
 * messaging (gate: broker serves)  <-  topics (polled external state)
 * jwt-secret  <-  goods, inventory, order (first created once MySQL and the broker serve and the topics exist)
 * network-policy; goods-service, inventory-service, order-service
 * pod-monitor, prometheus-rule (only where the Prometheus Operator's CRDs are installed)
 * </pre>
 *
 * The MySQL and RocketMQ nodes exist only when managed (reconcile precondition); the topics wait on
 * a gate rather than on those nodes, see {@link MessagingGate}, and the services' Deployments on a
 * precondition, see {@link CreatedOnceInfrastructureServes}. The workflow is invoked explicitly so
 * that an invalid spec is reported before any object is touched.
 *
 * <p>Not a {@code Cleaner}, so JOSDK adds no finalizer: everything is owned and garbage-collected,
 * the MySQL credentials as {@code dataRetention} says (see {@code MysqlCredentialsDependent}), and a
 * platform deleted after the operator was uninstalled does not hang in Terminating.
 */
@Workflow(
        explicitInvocation = true,
        dependents = {
            @Dependent(name = "jwt-secret", type = JwtSecretDependent.class),
            @Dependent(
                    name = "mysql-credentials",
                    type = MysqlCredentialsDependent.class,
                    reconcilePrecondition = MysqlManaged.class),
            @Dependent(
                    name = "mysql-init",
                    type = MysqlInitConfigDependent.class,
                    reconcilePrecondition = MysqlManaged.class),
            @Dependent(
                    name = "mysql-service",
                    type = MysqlServiceDependent.class,
                    reconcilePrecondition = MysqlManaged.class),
            @Dependent(
                    name = "mysql",
                    type = MysqlStatefulSetDependent.class,
                    reconcilePrecondition = MysqlManaged.class,
                    dependsOn = {"mysql-credentials", "mysql-init", "mysql-service"}),
            @Dependent(
                    name = "nameserver-service",
                    type = NameServerServiceDependent.class,
                    reconcilePrecondition = RocketmqManaged.class),
            @Dependent(
                    name = "nameserver",
                    type = NameServerStatefulSetDependent.class,
                    reconcilePrecondition = RocketmqManaged.class,
                    dependsOn = "nameserver-service",
                    readyPostcondition = StatefulSetReady.class),
            @Dependent(
                    name = "broker-config",
                    type = BrokerConfigDependent.class,
                    reconcilePrecondition = RocketmqManaged.class),
            @Dependent(
                    name = "broker-service",
                    type = BrokerServiceDependent.class,
                    reconcilePrecondition = RocketmqManaged.class),
            @Dependent(
                    name = "broker",
                    type = BrokerStatefulSetDependent.class,
                    reconcilePrecondition = RocketmqManaged.class,
                    dependsOn = {"nameserver", "broker-config", "broker-service"}),
            @Dependent(name = "messaging", type = MessagingGate.class, readyPostcondition = MessagingGate.Open.class),
            @Dependent(name = "topics", type = TopicsDependent.class, dependsOn = "messaging"),
            @Dependent(
                    name = "network-policy",
                    type = DataNetworkPolicyDependent.class,
                    reconcilePrecondition = AnyInfrastructureManaged.class),
            @Dependent(name = "goods-service", type = GoodsService.class),
            @Dependent(name = "inventory-service", type = InventoryService.class),
            @Dependent(name = "order-service", type = OrderService.class),
            @Dependent(
                    name = "goods",
                    type = GoodsDeployment.class,
                    dependsOn = "jwt-secret",
                    reconcilePrecondition = CreatedOnceInfrastructureServes.class),
            @Dependent(
                    name = "inventory",
                    type = InventoryDeployment.class,
                    dependsOn = "jwt-secret",
                    reconcilePrecondition = CreatedOnceInfrastructureServes.class),
            @Dependent(
                    name = "order",
                    type = OrderDeployment.class,
                    dependsOn = "jwt-secret",
                    reconcilePrecondition = CreatedOnceInfrastructureServes.class),
            @Dependent(name = "grpc-network-policy", type = GrpcNetworkPolicy.class),
            @Dependent(
                    name = "goods-disruption-budget",
                    type = GoodsDisruptionBudget.class,
                    reconcilePrecondition = Replicated.class),
            @Dependent(
                    name = "inventory-disruption-budget",
                    type = InventoryDisruptionBudget.class,
                    reconcilePrecondition = Replicated.class),
            @Dependent(
                    name = "order-disruption-budget",
                    type = OrderDisruptionBudget.class,
                    reconcilePrecondition = Replicated.class),
            @Dependent(
                    name = OrderPlatformReconciler.POD_MONITOR,
                    type = ServicesPodMonitor.class,
                    activationCondition = PrometheusOperatorInstalled.class,
                    reconcilePrecondition = MonitoringEnabled.class),
            @Dependent(
                    name = OrderPlatformReconciler.PROMETHEUS_RULE,
                    type = PlatformPrometheusRule.class,
                    activationCondition = PrometheusOperatorInstalled.class,
                    reconcilePrecondition = MonitoringEnabled.class),
        })
// A safety net besides the informers and the topics' polling: JOSDK's default maximum interval is hours.
// Not generation-aware alone: the pause annotation changes no generation, see SpecOrPauseChanged.
@ControllerConfiguration(
        name = "orderplatform",
        generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = OrderPlatformReconciler.SpecOrPauseChanged.class),
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
// Unbounded, slowly: an external broker or database may come back after minutes.
@GradualRetry(maxAttempts = Integer.MAX_VALUE, initialInterval = 2_000, intervalMultiplier = 2, maxInterval = 300_000)
public class OrderPlatformReconciler implements Reconciler<OrderPlatform> {

    /** Set to "true", the operator leaves the platform's objects alone (as Strimzi's strimzi.io/pause-reconciliation). */
    public static final String PAUSE_ANNOTATION = "orderplatform.dev/pause-reconciliation";

    static final String POD_MONITOR = "pod-monitor";
    static final String PROMETHEUS_RULE = "prometheus-rule";

    private static final Logger log = LoggerFactory.getLogger(OrderPlatformReconciler.class);
    private static final int MAX_MESSAGE_LENGTH = 1024;

    private final Clock clock;
    /** Who reports the Events: the operator's pod. */
    private final String reportingInstance;

    public OrderPlatformReconciler(Clock clock) {
        this.clock = clock;
        this.reportingInstance = Objects.requireNonNullElse(System.getenv("HOSTNAME"), "orderplatform-operator");
    }

    @Override
    public UpdateControl<OrderPlatform> reconcile(OrderPlatform platform, Context<OrderPlatform> context) {
        if (isPaused(platform)) {
            return report(platform, Statuses.paused(platform, PAUSE_ANNOTATION, clock.instant()), context);
        }
        PlatformSettings settings;
        try {
            settings = PlatformSettings.of(platform);
        } catch (InvalidSpecException e) {
            log.warn(
                    "Invalid spec of {}/{}: {}",
                    platform.getMetadata().getNamespace(),
                    platform.getMetadata().getName(),
                    e.getMessage());
            return report(platform, Statuses.invalidSpec(platform, e, clock.instant()), context);
        }
        var workflow = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        workflow.throwAggregateExceptionIfErrorsPresent();
        var topics = context.getSecondaryResource(TopicsState.class);
        String topicsWaitingFor = topics.isPresent() ? topics.get().waitingFor() : "not checked yet";
        var monitoring = monitoring(settings, workflow);
        var observed = new Statuses.Observed(
                observeComponents(settings, context),
                topicsWaitingFor,
                ignoredVolumeChanges(settings, context),
                monitoring);
        var control = report(platform, Statuses.reconciled(platform, settings, observed, clock.instant()), context);
        return monitoring == Statuses.Monitoring.PROMETHEUS_OPERATOR_NOT_INSTALLED
                ? control.rescheduleAfter(MonitoringDependents.RECHECK)
                : control;
    }

    /**
     * Whether the monitoring objects were applied: their nodes run only when the Prometheus Operator's CRDs are
     * installed (activation condition) and spec.monitoring.enabled is true (reconcile precondition).
     */
    static Statuses.Monitoring monitoring(PlatformSettings settings, WorkflowReconcileResult workflow) {
        if (!settings.monitoring().enabled()) {
            return Statuses.Monitoring.DISABLED;
        }
        var applied = workflow.getReconciledDependents().stream()
                .map(DependentResource::name)
                .toList();
        return applied.containsAll(List.of(POD_MONITOR, PROMETHEUS_RULE))
                ? Statuses.Monitoring.APPLIED
                : Statuses.Monitoring.PROMETHEUS_OPERATOR_NOT_INSTALLED;
    }

    @Override
    public ErrorStatusUpdateControl<OrderPlatform> updateErrorStatus(
            OrderPlatform platform, Context<OrderPlatform> context, Exception e) {
        if (isConflict(e)) {
            // Another writer was faster (a spec edit, a controller's status): the retry starts from fresh state.
            log.debug(
                    "Conflict reconciling {}/{}, retrying: {}",
                    platform.getMetadata().getNamespace(),
                    platform.getMetadata().getName(),
                    e.getMessage());
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        var settings = PlatformSettings.of(platform);
        String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        if (message.length() > MAX_MESSAGE_LENGTH) {
            message = message.substring(0, MAX_MESSAGE_LENGTH) + "...";
        }
        var status = Statuses.failed(
                platform, observeComponents(settings, context), settings.orderEndpoint(), message, clock.instant());
        publishEvent(platform, status, context);
        try {
            patchStatusIfChanged(platform, status, context);
        } catch (RuntimeException writeFailed) {
            log.warn(
                    "Cannot report the failure on {}/{}: {}",
                    platform.getMetadata().getNamespace(),
                    platform.getMetadata().getName(),
                    writeFailed.getMessage());
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    static boolean isPaused(OrderPlatform platform) {
        var annotations = platform.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(PAUSE_ANNOTATION));
    }

    /**
     * Which updates of an OrderPlatform are worth a reconcile: a new generation (the spec changed), as
     * JOSDK's generation-aware default, or the pause annotation set or removed. Not the operator's own
     * status writes, nor other metadata.
     */
    public static class SpecOrPauseChanged implements OnUpdateFilter<OrderPlatform> {
        @Override
        public boolean accept(OrderPlatform updated, OrderPlatform old) {
            return !Objects.equals(
                            old.getMetadata().getGeneration(),
                            updated.getMetadata().getGeneration())
                    || isPaused(old) != isPaused(updated);
        }
    }

    private UpdateControl<OrderPlatform> report(
            OrderPlatform platform, OrderPlatformStatus status, Context<OrderPlatform> context) {
        publishEvent(platform, status, context);
        patchStatusIfChanged(platform, status, context);
        return UpdateControl.noUpdate();
    }

    /** Best effort: a lost Event must not fail the reconcile that tells its story. */
    private void publishEvent(OrderPlatform platform, OrderPlatformStatus status, Context<OrderPlatform> context) {
        PlatformEvents.forTransition(platform, platform.getStatus(), status, clock.instant(), reportingInstance)
                .ifPresent(event -> {
                    try {
                        context.getClient().resource(event).create();
                    } catch (KubernetesClientException e) {
                        log.warn(
                                "Cannot record event {} on {}/{}: {}",
                                event.getReason(),
                                platform.getMetadata().getNamespace(),
                                platform.getMetadata().getName(),
                                e.getMessage());
                    }
                });
    }

    /**
     * Writes a changed status and puts the result in JOSDK's cache of the primary. {@code UpdateControl.patchStatus}
     * does not: a reconcile that starts before the informer has seen the write (a secondary's event queued meanwhile)
     * would still read the old status, write the new one a second time and publish its Event twice.
     */
    private static void patchStatusIfChanged(
            OrderPlatform platform, OrderPlatformStatus status, Context<OrderPlatform> context) {
        var configuration = context.getControllerConfiguration().getConfigurationService();
        statusPatch(platform, status).ifPresent(patch -> {
            if (configuration.useSSAToPatchPrimaryResource()) {
                PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(platform, patch, context);
            } else {
                // Where server-side apply is switched off (an API server without it): the status replaced as a whole.
                PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(platform, context, read -> {
                    var copy = configuration.getResourceCloner().clone(read);
                    copy.setStatus(patch.getStatus());
                    return copy;
                });
            }
        });
    }

    /** The status write a reconcile needs: none when the status is unchanged, so a steady platform costs no writes. */
    static Optional<OrderPlatform> statusPatch(OrderPlatform platform, OrderPlatformStatus status) {
        return status.equals(platform.getStatus()) ? Optional.empty() : Optional.of(statusOnly(platform, status));
    }

    /**
     * A new object naming the platform and holding only the status, server-side-applied to the status
     * subresource: the platform as read would claim its spec and metadata for the operator. JOSDK's
     * cache utility adds the resourceVersion read; a spec edited meanwhile (409) makes it wait for the
     * newer version in the cache and apply again.
     */
    static OrderPlatform statusOnly(OrderPlatform platform, OrderPlatformStatus status) {
        var patch = new OrderPlatform();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(platform.getMetadata().getName())
                .withNamespace(platform.getMetadata().getNamespace())
                .build());
        patch.setSpec(null);
        patch.setStatus(status);
        return patch;
    }

    /** A write lost an optimistic-concurrency race (HTTP 409), alone or as every failure of the workflow. */
    static boolean isConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException client
                    && client.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return true;
            }
            if (cause instanceof AggregatedOperatorException aggregated) {
                var failures = aggregated.getAggregatedExceptions().values();
                return !failures.isEmpty() && failures.stream().allMatch(OrderPlatformReconciler::isConflict);
            }
        }
        return false;
    }

    /** Volume changes of the spec that the existing StatefulSets keep as created. */
    private static List<String> ignoredVolumeChanges(PlatformSettings settings, Context<OrderPlatform> context) {
        var ignored = new ArrayList<String>();
        if (settings.mysqlManaged()) {
            Secondaries.find(context, StatefulSet.class, MysqlResources.name(settings))
                    .ifPresent(actual -> ignored.addAll(
                            StatefulSetDependent.ignoredVolumeChanges(MysqlResources.statefulSet(settings), actual)));
        }
        if (settings.rocketmqManaged()) {
            Secondaries.find(context, StatefulSet.class, RocketmqResources.brokerName(settings))
                    .ifPresent(actual -> ignored.addAll(StatefulSetDependent.ignoredVolumeChanges(
                            RocketmqResources.brokerStatefulSet(settings), actual)));
        }
        return ignored;
    }

    /** The rollout of each component, from the informers' caches. */
    static List<ComponentStatus> observeComponents(PlatformSettings settings, Context<OrderPlatform> context) {
        var components = new ArrayList<ComponentStatus>();
        if (settings.mysqlManaged()) {
            components.add(statefulSet(context, MysqlResources.COMPONENT, MysqlResources.name(settings), 1));
        }
        if (settings.rocketmqManaged()) {
            components.add(statefulSet(
                    context,
                    RocketmqResources.NAME_SERVER,
                    RocketmqResources.nameServerName(settings),
                    settings.managedRocketmq().nameServerReplicas()));
            components.add(statefulSet(context, RocketmqResources.BROKER, RocketmqResources.brokerName(settings), 1));
        }
        for (AppService service : AppService.values()) {
            components.add(Secondaries.find(context, Deployment.class, AppServiceResources.name(settings, service))
                    .map(deployment -> Rollouts.of(service.id(), deployment))
                    .orElseGet(() -> Rollouts.absent(
                            service.id(), settings.services().get(service).replicas())));
        }
        return components;
    }

    private static ComponentStatus statefulSet(
            Context<OrderPlatform> context, String component, String name, int desired) {
        return Secondaries.find(context, StatefulSet.class, name)
                .map(statefulSet -> Rollouts.of(component, statefulSet))
                .orElseGet(() -> Rollouts.absent(component, desired));
    }
}
