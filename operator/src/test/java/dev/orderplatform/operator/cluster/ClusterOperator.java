package dev.orderplatform.operator.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.orderplatform.infra.rocketmq.EmbeddedRocketMq;
import dev.orderplatform.infra.rocketmq.RocketMqSettings;
import dev.orderplatform.k8s.testkit.ControlPlane;
import dev.orderplatform.operator.OperatorApp;
import dev.orderplatform.operator.platform.PlatformContract.Topic;
import dev.orderplatform.operator.rocketmq.RocketMqTopicAdmin;
import dev.orderplatform.operator.rocketmq.TopicAdmin;
import dev.orderplatform.operator.rocketmq.TopicsState;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The operator as the Helm chart installs it, run in the test JVM: the chart is installed with the real helm CLI
 * into {@value #NAMESPACE}, and the operator authenticates with a token of the chart's ServiceAccount, so every
 * call it makes is checked against the chart's RBAC. Server-side apply and leader election are on, as in the
 * chart's Deployment (whose pod kwok reports running, without a container).
 *
 * <p>Pods have no network here, so the operator cannot reach a platform's name server by its cluster DNS name: its
 * RocketMQ admin calls go to a real embedded name server and broker on 127.0.0.1 instead.
 */
final class ClusterOperator {

  static final String NAMESPACE = "orderplatform-system";
  static final String RELEASE = "orderplatform-operator";
  static final String SERVICE_ACCOUNT = "orderplatform-operator";
  static final String USER = "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT;

  private static ClusterOperator shared;

  private final ControlPlane cluster;
  private final EmbeddedRocketMq rocketmq;
  private OperatorApp app;

  private ClusterOperator(ControlPlane cluster, EmbeddedRocketMq rocketmq) {
    this.cluster = cluster;
    this.rocketmq = rocketmq;
  }

  /** The chart installed and the operator running, once per JVM. */
  static synchronized ClusterOperator shared(ControlPlane cluster) {
    if (shared == null) {
      cluster.helm("install", RELEASE, ClusterFiles.CHART.toString(), "--namespace", NAMESPACE,
          "--create-namespace", "--wait", "--timeout", "2m").orThrow();
      shared = new ClusterOperator(cluster, startRocketmq());
      shared.start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "cluster-operator-stop"));
    }
    return shared;
  }

  synchronized void start() {
    var client = new KubernetesClientBuilder().withConfig(cluster.serviceAccountConfig(NAMESPACE, SERVICE_ACCOUNT))
        .build();
    try {
      app = OperatorApp.start(client, topicAdminOn(rocketmq),
          new OperatorApp.Settings(0, NAMESPACE, List.of()));
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

  EmbeddedRocketMq rocketmq() {
    return rocketmq;
  }

  /** The operator's admin client, with every platform's name server address replaced by the embedded one's. */
  private static TopicAdmin topicAdminOn(EmbeddedRocketMq rocketmq) {
    var admin = new RocketMqTopicAdmin();
    return new TopicAdmin() {
      @Override
      public TopicsState inspect(String nameServerAddress, List<Topic> topics) {
        return admin.inspect(rocketmq.nameServerAddress(), topics);
      }

      @Override
      public TopicsState ensure(String nameServerAddress, List<Topic> topics) {
        return admin.ensure(rocketmq.nameServerAddress(), topics);
      }
    };
  }

  private static EmbeddedRocketMq startRocketmq() {
    try {
      // Not a @TempDir: the broker still writes while it stops in the background.
      Files.createDirectories(Path.of("target"));
      var rocketmq = EmbeddedRocketMq.start(RocketMqSettings.fastForTests(),
          Files.createTempDirectory(Path.of("target"), "rocketmq-"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> rocketmq.close(Duration.ZERO), "rocketmq-stop"));
      return rocketmq;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
