package dev.orderplatform.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orderplatform.operator.platform.OperatorBuild;
import dev.orderplatform.operator.platform.OrderPlatformReconciler;
import dev.orderplatform.operator.platform.PlatformDependentFactory;
import dev.orderplatform.operator.rocketmq.TopicAdmin;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: the OrderPlatform controller, leader election when a lease namespace is
 * given, and an HTTP port with {@code /healthz} (liveness), {@code /readyz} (readiness) and
 * {@code /metrics} (Prometheus: JVM and JOSDK reconciliation metrics).
 */
public final class OperatorApp {

    /** How the process is run; see {@link OperatorMain} for the environment variables behind it. */
    public record Settings(int httpPort, String leaseNamespace, List<String> watchNamespaces) {}

    static final String LEASE_NAME = "orderplatform-operator-leader";
    private static final Logger log = LoggerFactory.getLogger(OperatorApp.class);

    private final Operator operator;
    private final HttpServer server;
    private final AtomicBoolean stopping;

    private OperatorApp(Operator operator, HttpServer server, AtomicBoolean stopping) {
        this.operator = operator;
        this.server = server;
        this.stopping = stopping;
    }

    public static OperatorApp start(KubernetesClient client, TopicAdmin topicAdmin, Settings settings)
            throws IOException {
        var stopping = new AtomicBoolean();
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);

        var operator = new Operator(overrider -> {
            overrider
                    .withKubernetesClient(client)
                    .withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry)
                            .build())
                    .withDependentResourceFactory(new PlatformDependentFactory(topicAdmin));
            if (settings.leaseNamespace() != null) {
                overrider.withLeaderElectionConfiguration(leaderElection(settings.leaseNamespace(), stopping));
            }
        });
        operator.register(new OrderPlatformReconciler(Clock.systemUTC()), configuration -> {
            if (!settings.watchNamespaces().isEmpty()) {
                configuration.settingNamespaces(settings.watchNamespaces().toArray(String[]::new));
            }
        });

        var server = HttpServer.create(new InetSocketAddress(settings.httpPort()), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        // Live while the process serves; a replica waiting for the lease is live too.
        server.createContext("/healthz", exchange -> respond(exchange, () -> true, () -> "ok"));
        // Ready when this replica's informers are healthy (none run before it leads).
        server.createContext(
                "/readyz",
                exchange -> respond(exchange, () -> operator.getRuntimeInfo().allEventSourcesAreHealthy(), () -> "ok"));
        server.createContext("/metrics", exchange -> respond(exchange, () -> true, registry::scrape));
        server.start();

        operator.start();
        log.info(
                "OrderPlatform operator {} started; health and metrics on port {}",
                OperatorBuild.current().version(),
                server.getAddress().getPort());
        return new OperatorApp(operator, server, stopping);
    }

    /**
     * A replica that loses its lease while running exits at once, so that two replicas never reconcile side by side.
     * JOSDK's own exit cannot be used: it also fires when the operator is stopped on purpose, from the shutdown hook,
     * where System.exit blocks forever (the pod would hang until killed).
     */
    private static LeaderElectionConfiguration leaderElection(String leaseNamespace, AtomicBoolean stopping) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
                .withLeaseNamespace(leaseNamespace)
                .withExitOnStopLeading(false)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {},
                        () -> {
                            if (!stopping.get()) {
                                log.error("Lost the leader-election lease {}/{}; exiting", leaseNamespace, LEASE_NAME);
                                System.exit(1);
                            }
                        },
                        leader -> {}))
                .build();
    }

    /** The port of the health and metrics endpoints (useful when started on port 0). */
    public int httpPort() {
        return server.getAddress().getPort();
    }

    public void stop() {
        stopping.set(true);
        operator.stop();
        server.stop(1);
    }

    private static void respond(HttpExchange exchange, BooleanSupplier healthy, Supplier<String> body)
            throws IOException {
        boolean ok = healthy.getAsBoolean();
        byte[] bytes = (ok ? body.get() : "unavailable").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(ok ? 200 : 503, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
