package dev.orderplatform.operator.rocketmq;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.orderplatform.operator.platform.PlatformContract.Topic;

/**
 * Stands in for a broker: remembers which topics exist on which name server and every call made.
 * A name server whose host starts with "unreachable" fails as the real client does.
 */
public class RecordingTopicAdmin implements TopicAdmin {

  public record Call(String nameServerAddress, List<Topic> topics) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Set<String> existing = ConcurrentHashMap.newKeySet();

  @Override
  public List<String> ensureTopics(String nameServerAddress, List<Topic> topics) {
    calls.add(new Call(nameServerAddress, topics));
    if (nameServerAddress.startsWith("unreachable")) {
      throw new IllegalStateException("cannot create topics through name server " + nameServerAddress
          + ": connect to " + nameServerAddress + " failed");
    }
    return topics.stream()
        .filter(topic -> existing.add(nameServerAddress + "/" + topic.name() + "/" + topic.messageType()))
        .map(Topic::name)
        .toList();
  }

  public List<Call> calls() {
    return calls;
  }
}
