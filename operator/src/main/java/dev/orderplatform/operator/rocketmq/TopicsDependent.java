package dev.orderplatform.operator.rocketmq;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.orderplatform.operator.platform.NamedDependent;
import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformContract;
import dev.orderplatform.operator.platform.PlatformSettings;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;

/**
 * The topics the services need, order_reback (TRANSACTION) and order_timeout (DELAY), created through
 * the RocketMQ admin API. It runs after the {@link MessagingGate}, so the broker is up; it checks on
 * every reconcile, because a broker that lost its volume also lost its topics.
 */
public class TopicsDependent extends NamedDependent<TopicsDependent.Topics> {

  /** The topics as ensured on one name server. */
  public record Topics(String nameServerAddress, List<PlatformContract.Topic> topics) {}

  private static final Logger log = LoggerFactory.getLogger(TopicsDependent.class);

  private final TopicAdmin topicAdmin;

  public TopicsDependent(TopicAdmin topicAdmin) {
    this.topicAdmin = topicAdmin;
  }

  @Override
  public ReconcileResult<Topics> reconcile(OrderPlatform primary, Context<OrderPlatform> context) {
    var topics = new Topics(PlatformSettings.of(primary).nameServerAddress(), PlatformContract.TOPICS);
    List<String> changed = topicAdmin.ensureTopics(topics.nameServerAddress(), topics.topics());
    context.managedWorkflowAndDependentResourceContext().put(Topics.class, topics);
    if (changed.isEmpty()) {
      return ReconcileResult.noOperation(topics);
    }
    log.info("Created or updated topics {} of {}/{}", changed, primary.getMetadata().getNamespace(),
        primary.getMetadata().getName());
    return ReconcileResult.resourceCreated(topics);
  }

  @Override
  public Class<Topics> resourceType() {
    return Topics.class;
  }
}
