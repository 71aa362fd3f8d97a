package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.infra.zipkin.ZipkinCollector;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.protocol.ReliableMessageProtocol;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.Platform;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One order's trace, as a real collector (Zipkin's server) receives it from the three services: its creation through
 * HTTP, gRPC and the half message, then, through the timer message, its close by the timeout and the inventory's
 * return of its stock, all in the one trace; and the log lines written for it carry the trace, the span and the order
 * number (docs/observability.md).
 */
@TestPropertySource(properties = "orderplatform.order.timeout=2s")
class OrderTraceTest extends OrderServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ListAppender<ILoggingEvent> protocolLog = new ListAppender<>();
    private final Logger protocolLogger = (Logger) LoggerFactory.getLogger(ReliableMessageProtocol.class);

    @BeforeEach
    void listenToTheProtocolLog() {
        protocolLog.start();
        protocolLogger.addAppender(protocolLog);
    }

    @AfterEach
    void stopListening() {
        protocolLogger.detachAppender(protocolLog);
    }

    @Test
    void oneTraceFollowsAnOrderFromItsCreationToTheReturnOfItsStockAfterItsTimeout() throws Exception {
        ZipkinCollector collector = platform.traceCollector();
        long goods = platform.newGoods("2.50", 10);
        OrderApi api = api();
        String token = tokenOf(Platform.freshUser());
        assertThat(api.post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", 2))
                        .status())
                .isEqualTo(201);

        // The caller samples the trace (the tests' services record only sampled traces) and knows its id.
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String callerSpanId = HexFormat.of().formatHex(randomBytes(8));
        OrderApi.Response created = api.send(
                token,
                "POST",
                "/api/v1/orders",
                OrderApi.ORDER_DETAILS,
                Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String orderSn = created.text("orderSn");

        await().atMost(WAIT).untilAsserted(() -> assertThat(statusOf(orderSn)).isEqualTo(OrderStatus.TRADE_CLOSED));
        awaitRecord(orderSn, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        awaitStock(goods, 10);

        Trace trace = await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> collector.traceJson(traceId).map(Trace::parse).orElse(Trace.EMPTY),
                        t -> t.has(
                                s -> s.service().equals("inventory") && s.name().equals("receive order_reback")));

        // The creation: the request, and right within it (Spring Security's own observations are off) each step of
        // the protocol, one after the other.
        Span request = trace.one(s -> s.service().equals("order") && s.kind().equals("SERVER"));
        assertThat(request.parentId()).isEqualTo(callerSpanId);
        assertThat(request.name()).isEqualTo("http post /api/v1/orders");
        Span creation = trace.parentOf(trace.one(s -> s.name().equals("cart read")));
        assertThat(creation).as("%s", trace).isEqualTo(request);
        assertThat(trace.childrenOf(creation))
                .extracting(Span::name)
                .containsSubsequence(
                        "cart read",
                        "send half message order_reback",
                        "local transaction create",
                        "end transaction order_reback",
                        "send timer message order_timeout");
        Span halfMessage = trace.childOf(creation, "send half message order_reback");
        assertThat(halfMessage.tags()).containsEntry("messaging.rocketmq.message.keys", orderSn);
        Span createLocally = trace.childOf(creation, "local transaction create");
        assertThat(createLocally.tags()).containsEntry("outcome", "ROLLBACK_MESSAGE");
        assertThat(trace.childOf(creation, "end transaction order_reback").tags())
                .containsEntry("outcome", "ROLLBACK_MESSAGE");
        // BatchGetGoods and Sell run inside the local transaction, and the services answer them in the same trace.
        Span batchGetGoods =
                trace.one(s -> s.service().equals("order") && s.name().endsWith("/batchgetgoods"));
        Span sell = trace.one(s -> s.service().equals("order") && s.name().endsWith("/sell"));
        assertThat(batchGetGoods.parentId()).isEqualTo(createLocally.id());
        assertThat(sell.parentId()).isEqualTo(createLocally.id());
        assertThat(trace.one(s -> s.service().equals("goods") && s.kind().equals("SERVER"))
                        .parentId())
                .isEqualTo(batchGetGoods.id());
        assertThat(trace.one(s -> s.service().equals("inventory") && s.kind().equals("SERVER"))
                        .parentId())
                .isEqualTo(sell.id());

        // Seconds later, through the timer message: the close, as a transactional message of its own.
        Span timer = trace.childOf(creation, "send timer message order_timeout");
        Span timeout = trace.one(s -> s.name().equals("receive order_timeout"));
        assertThat(timeout.parentId()).isEqualTo(timer.id());
        assertThat(timeout.service()).isEqualTo("order");
        assertThat(trace.childrenOf(timeout))
                .extracting(Span::name)
                .containsSubsequence(
                        "send half message order_reback", "local transaction close", "end transaction order_reback");
        assertThat(trace.childOf(timeout, "local transaction close").tags()).containsEntry("outcome", "COMMIT_MESSAGE");
        Span returnMessage = trace.childOf(timeout, "send half message order_reback");

        // The inventory's return of the stock continues the close's message.
        Span returned =
                trace.one(s -> s.service().equals("inventory") && s.name().equals("receive order_reback"));
        assertThat(returned.parentId()).isEqualTo(returnMessage.id());
        assertThat(returned.tags())
                .containsEntry("messaging.rocketmq.message.keys", orderSn)
                .containsEntry("messaging.consumer.group.name", "inventory-reback");

        // The log lines written for the order carry the trace, the span and the order number: the inventory's as
        // JSON (its process logs as a cluster ingests it), the order protocol's in the logging context.
        JsonNode returnLine = Files.readAllLines(platform.inventoryLog()).stream()
                .filter(line -> line.startsWith("{") && line.contains(orderSn) && line.contains("Return of order"))
                .map(JSON::readTree)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line of the return of " + orderSn));
        assertThat(returnLine.get("traceId").asString()).isEqualTo(traceId);
        assertThat(returnLine.get("spanId").asString()).isNotBlank();
        assertThat(returnLine.get("orderSn").asString()).isEqualTo(orderSn);
        ILoggingEvent closeLine = protocolLog.list.stream()
                .filter(event -> event.getFormattedMessage().contains(orderSn + " closed by its timeout"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no protocol log line of the close of " + orderSn));
        assertThat(closeLine.getMDCPropertyMap())
                .containsEntry("traceId", traceId)
                .containsEntry("orderSn", orderSn)
                .containsKey("spanId");
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** One span as Zipkin answers it (names are lower case there). */
    record Span(String id, String parentId, String name, String kind, String service, Map<String, String> tags) {

        static Span of(JsonNode span) {
            Map<String, String> tags = new java.util.TreeMap<>();
            JsonNode tagNode = span.get("tags");
            if (tagNode != null) {
                tagNode.properties()
                        .forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
            }
            return new Span(
                    span.get("id").asString(),
                    span.has("parentId") ? span.get("parentId").asString() : null,
                    span.has("name") ? span.get("name").asString() : "",
                    span.has("kind") ? span.get("kind").asString() : "",
                    span.get("localEndpoint").get("serviceName").asString(),
                    tags);
        }
    }

    /** The spans of one trace, in the order they started. */
    record Trace(List<Span> spans) {

        static final Trace EMPTY = new Trace(List.of());

        static Trace parse(String json) {
            List<JsonNode> nodes = new ArrayList<>();
            JSON.readTree(json).forEach(nodes::add);
            nodes.sort(java.util.Comparator.comparingLong(
                    span -> span.get("timestamp").asLong()));
            return new Trace(nodes.stream().map(Span::of).toList());
        }

        boolean has(Predicate<Span> match) {
            return spans.stream().anyMatch(match);
        }

        Span one(Predicate<Span> match) {
            List<Span> found = spans.stream().filter(match).toList();
            assertThat(found).as("matching spans of %s", this).hasSize(1);
            return found.getFirst();
        }

        List<Span> childrenOf(Span parent) {
            return spans.stream()
                    .filter(span -> Objects.equals(span.parentId(), parent.id()))
                    .toList();
        }

        Span parentOf(Span child) {
            return one(span -> span.id().equals(child.parentId()));
        }

        Span childOf(Span parent, String name) {
            return one(span ->
                    Objects.equals(span.parentId(), parent.id()) && span.name().equals(name));
        }
    }
}
