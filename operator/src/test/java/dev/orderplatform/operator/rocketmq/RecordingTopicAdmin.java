package dev.orderplatform.operator.rocketmq;

import dev.orderplatform.operator.platform.PlatformContract.Topic;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for a cluster with one master broker per name server: remembers which topics exist on
 * which name server and every {@link #ensure} call made. A name server whose host starts with
 * "unreachable" fails as the real client does.
 */
public class RecordingTopicAdmin implements TopicAdmin {

    public record Call(String nameServerAddress, List<Topic> topics) {}

    private static final String BROKER = "broker-a";

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> existing = ConcurrentHashMap.newKeySet();

    @Override
    public TopicsState inspect(String nameServerAddress, List<Topic> topics) {
        failIfUnreachable("inspect", nameServerAddress);
        return state(nameServerAddress, topics);
    }

    @Override
    public TopicsState ensure(String nameServerAddress, List<Topic> topics) {
        calls.add(new Call(nameServerAddress, topics));
        failIfUnreachable("create", nameServerAddress);
        topics.forEach(topic -> existing.add(key(nameServerAddress, topic)));
        return state(nameServerAddress, topics);
    }

    public List<Call> calls() {
        return calls;
    }

    private TopicsState state(String nameServerAddress, List<Topic> topics) {
        return TopicsState.found(
                nameServerAddress,
                List.of(BROKER),
                topics.stream()
                        .filter(topic -> !existing.contains(key(nameServerAddress, topic)))
                        .map(topic -> topic.name() + "@" + BROKER)
                        .toList());
    }

    private static void failIfUnreachable(String action, String nameServerAddress) {
        if (nameServerAddress.startsWith("unreachable")) {
            throw new IllegalStateException("cannot " + action + " topics through name server " + nameServerAddress
                    + ": connect to " + nameServerAddress + " failed");
        }
    }

    private static String key(String nameServerAddress, Topic topic) {
        return nameServerAddress + "/" + topic.name() + "/" + topic.messageType();
    }
}
