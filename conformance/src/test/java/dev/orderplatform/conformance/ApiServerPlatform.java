package dev.orderplatform.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.orderplatform.infra.rocketmq.EmbeddedRocketMq;
import dev.orderplatform.infra.rocketmq.RocketMqSettings;
import dev.orderplatform.k8s.testkit.ControlPlane;
import dev.orderplatform.operator.OperatorApp;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformContract.Topic;
import dev.orderplatform.operator.rocketmq.RocketMqTopicAdmin;
import dev.orderplatform.operator.rocketmq.TopicAdmin;
import dev.orderplatform.operator.rocketmq.TopicsState;
import io.fabric8.kubernetes.api.model.HasMetadata;

import static org.awaitility.Awaitility.await;

/**
 * What the operator generates for a platform, as the API server holds it: the CRD installed, the operator run
 * against the control plane until the platform's Deployments exist (kwok reports its StatefulSets ready), then every
 * object of the platform's namespace that a pod reads listed back.
 *
 * <p>Pods have no network here, so the operator's topic step is pointed at an embedded broker of its own; the
 * platform's broker, run later from the generated broker.conf, gets its topics from the runner.
 */
final class ApiServerPlatform {

  private static final Duration GENERATED_TIMEOUT = Duration.ofMinutes(3);

  private ApiServerPlatform() {}

  static List<HasMetadata> objects(ControlPlane cluster, Path repository, OrderPlatform platform) {
    String namespace = platform.getMetadata().getNamespace();
    cluster.kubectl("apply", "--server-side", "--force-conflicts", "-f",
        repository.resolve("crds/orderplatforms.orderplatform.dev-v1.yml").toString()).orThrow();
    cluster.kubectl("wait", "--for=condition=Established", "crd/orderplatforms.orderplatform.dev").orThrow();
    cluster.kubectl("create", "namespace", namespace).orThrow();
    var client = cluster.adminClient();
    var rocketmq = startRocketmq();
    OperatorApp operator = null;
    try {
      operator = OperatorApp.start(client, topicAdminOn(rocketmq), new OperatorApp.Settings(0, null, List.of()));
      client.resource(platform).create();
      await().atMost(GENERATED_TIMEOUT).until(() ->
          client.apps().deployments().inNamespace(namespace).list().getItems().size() == 3);
      var objects = new ArrayList<HasMetadata>();
      objects.addAll(client.secrets().inNamespace(namespace).list().getItems());
      objects.addAll(client.configMaps().inNamespace(namespace).list().getItems());
      objects.addAll(client.services().inNamespace(namespace).list().getItems());
      objects.addAll(client.apps().statefulSets().inNamespace(namespace).list().getItems());
      objects.addAll(client.apps().deployments().inNamespace(namespace).list().getItems());
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (operator != null) {
        operator.stop();
      }
      rocketmq.close(Duration.ZERO);
    }
  }

  /** The operator's admin client, aimed at the embedded name server whatever address the platform names. */
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
      Path target = Files.createDirectories(Path.of("target"));
      return EmbeddedRocketMq.start(RocketMqSettings.fastForTests(), Files.createTempDirectory(target, "rocketmq-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
