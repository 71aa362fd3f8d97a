package dev.orderplatform.operator.rocketmq;

import dev.orderplatform.operator.platform.OrderPlatform;
import dev.orderplatform.operator.platform.PlatformContract;
import dev.orderplatform.operator.platform.PlatformSettings;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.external.PerResourcePollingDependentResource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics the services need, order_reback (TRANSACTION) and order_timeout (DELAY), as observed
 * external state: the name server is polled for each platform (often while the topics are not all
 * there, seldom once they are), a change triggers a reconcile, and the reconcile creates what is
 * missing. So a broker that lost its volume, or a topic deleted by hand, gets its topics back. It is
 * reconciled after the {@link MessagingGate}. What it creates is not put in the cache: the next poll
 * observes it, and the reconcile that change triggers is the one that lets the services start.
 */
public class TopicsDependent extends PerResourcePollingDependentResource<TopicsState, OrderPlatform, String>
        implements Creator<TopicsState, OrderPlatform>, Updater<TopicsState, OrderPlatform> {

    static final Duration POLL_WHILE_INCOMPLETE = Duration.ofSeconds(5);
    static final Duration POLL_WHEN_COMPLETE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(TopicsDependent.class);

    private final TopicAdmin topicAdmin;

    public TopicsDependent(TopicAdmin topicAdmin) {
        super(TopicsState.class, POLL_WHEN_COMPLETE, ResourceIDMapper.singleResourceResourceIDMapper());
        this.topicAdmin = topicAdmin;
    }

    /** The poll. Never throws: an exception would end the polling of this platform for good. */
    @Override
    public Set<TopicsState> fetchResources(OrderPlatform primary) {
        String nameServerAddress = null;
        try {
            nameServerAddress = PlatformSettings.of(primary).nameServerAddress();
            return Set.of(topicAdmin.inspect(nameServerAddress, PlatformContract.TOPICS));
        } catch (RuntimeException e) {
            return Set.of(TopicsState.unknown(nameServerAddress, e.getMessage()));
        }
    }

    @Override
    public Optional<Duration> fetchDelay(Set<TopicsState> lastFetched, OrderPlatform primary) {
        boolean complete = lastFetched != null && lastFetched.stream().allMatch(state -> state.waitingFor() == null);
        return Optional.of(complete ? POLL_WHEN_COMPLETE : POLL_WHILE_INCOMPLETE);
    }

    /** All topics on every master broker of the platform's name server (no master is not "all"). */
    @Override
    protected TopicsState desired(OrderPlatform primary, Context<OrderPlatform> context) {
        return TopicsState.found(PlatformSettings.of(primary).nameServerAddress(), List.of(), List.of());
    }

    @Override
    public Matcher.Result<TopicsState> match(
            TopicsState actual, OrderPlatform primary, Context<OrderPlatform> context) {
        var desired = desired(primary, context);
        return Matcher.Result.computed(
                desired.nameServerAddress().equals(actual.nameServerAddress()) && actual.waitingFor() == null, desired);
    }

    @Override
    public TopicsState create(TopicsState desired, OrderPlatform primary, Context<OrderPlatform> context) {
        return ensure(primary, desired.nameServerAddress());
    }

    @Override
    public TopicsState update(
            TopicsState actual, TopicsState desired, OrderPlatform primary, Context<OrderPlatform> context) {
        return ensure(primary, desired.nameServerAddress());
    }

    @Override
    protected void onCreated(OrderPlatform primary, TopicsState created, Context<OrderPlatform> context) {
        // observed by the next poll, see the class comment
    }

    @Override
    protected void onUpdated(
            OrderPlatform primary, TopicsState updated, TopicsState actual, Context<OrderPlatform> context) {
        // observed by the next poll, see the class comment
    }

    private TopicsState ensure(OrderPlatform primary, String nameServerAddress) {
        var state = topicAdmin.ensure(nameServerAddress, PlatformContract.TOPICS);
        // Until the next poll sees the result, every reconcile ensures again: only what is still missing is news.
        if (state.waitingFor() != null) {
            log.info(
                    "Topics of {}/{} through {}: {}",
                    primary.getMetadata().getNamespace(),
                    primary.getMetadata().getName(),
                    nameServerAddress,
                    state.waitingFor());
        }
        return state;
    }
}
