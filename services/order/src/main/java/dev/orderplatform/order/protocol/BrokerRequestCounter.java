package dev.orderplatform.order.protocol;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;

/**
 * Counts the remoting requests of the order producer's RocketMQ client by kind (Prometheus:
 * {@code orderplatform_rocketmq_requests_total{kind}}), both those it sends (half message, end of transaction, timer
 * message, heartbeats, route look-ups) and those the broker sends it (check-backs): what an order costs in broker
 * round trips, as the benchmark reports it.
 */
final class BrokerRequestCounter implements RPCHook {

    private static final Map<Integer, String> KINDS = Map.of(
            RequestCode.SEND_MESSAGE,
            "send",
            RequestCode.SEND_MESSAGE_V2,
            "send",
            RequestCode.END_TRANSACTION,
            "end_transaction",
            RequestCode.CHECK_TRANSACTION_STATE,
            "check_back",
            RequestCode.HEART_BEAT,
            "heartbeat",
            RequestCode.GET_ROUTEINFO_BY_TOPIC,
            "route");

    private final MeterRegistry registry;

    BrokerRequestCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        Counter.builder("orderplatform.rocketmq.requests")
                .description("Remoting requests of the order producer's RocketMQ client")
                .tag("kind", KINDS.getOrDefault(request.getCode(), "other"))
                .register(registry)
                .increment();
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        // counted before the request
    }
}
