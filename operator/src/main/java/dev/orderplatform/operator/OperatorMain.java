package dev.orderplatform.operator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.orderplatform.operator.platform.OperatorBuild;
import dev.orderplatform.operator.platform.OrderPlatformReconciler;
import dev.orderplatform.operator.platform.PlatformDependentFactory;
import dev.orderplatform.operator.rocketmq.RocketMqTopicAdmin;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The operator process: the OrderPlatform controller, leader election when running in a cluster,
 * and an HTTP port with {@code /healthz} (liveness), {@code /readyz} (readiness) and
 * {@code /metrics} (Prometheus).
 *
 * <p>Environment: {@code OPERATOR_HTTP_PORT} (default 8080); {@code OPERATOR_NAMESPACE}, the
 * namespace of the leader-election lease (set by the chart; without it no leader election, for
 * running outside a cluster); {@code OPERATOR_WATCH_NAMESPACES}, comma-separated (default: all).
 */
public final class OperatorMain {

  private static final Logger log = LoggerFactory.getLogger(OperatorMain.class);
  static final String LEASE_NAME = "orderplatform-operator-leader";

  private OperatorMain() {}

  public static void main(String[] args) throws IOException {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);

    String leaseNamespace = System.getenv("OPERATOR_NAMESPACE");
    var operator = new Operator(overrider -> {
      overrider.withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build())
          .withDependentResourceFactory(new PlatformDependentFactory(new RocketMqTopicAdmin()));
      if (leaseNamespace != null && !leaseNamespace.isBlank()) {
        overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(LEASE_NAME, leaseNamespace));
      }
    });
    String watched = System.getenv("OPERATOR_WATCH_NAMESPACES");
    operator.register(new OrderPlatformReconciler(Clock.systemUTC()), configuration -> {
      if (watched != null && !watched.isBlank()) {
        configuration.settingNamespaces(watched.split(","));
      }
    });

    int port = Integer.parseInt(System.getenv().getOrDefault("OPERATOR_HTTP_PORT", "8080"));
    var server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    // Live while the process works; a replica waiting for the lease is live too.
    server.createContext("/healthz", exchange -> respond(exchange, () -> true, "ok"));
    // Ready when the informers of this replica are healthy (a non-leader reports its own ones).
    server.createContext("/readyz", exchange -> respond(exchange,
        () -> operator.getRuntimeInfo().allEventSourcesAreHealthy(), "ok"));
    server.createContext("/metrics", exchange -> respond(exchange, () -> true, registry.scrape()));
    server.start();

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.stop();
      server.stop(1);
    }, "shutdown"));
    operator.start();
    log.info("OrderPlatform operator {} started; health and metrics on port {}", OperatorBuild.current().version(),
        port);
  }

  private static void respond(HttpExchange exchange, Supplier<Boolean> healthy, String body) throws IOException {
    boolean ok = healthy.get();
    byte[] bytes = (ok ? body : "unavailable").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(ok ? 200 : 503, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
