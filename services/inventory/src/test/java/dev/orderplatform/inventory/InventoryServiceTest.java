package dev.orderplatform.inventory;

import dev.orderplatform.contracts.PlatformServices;
import dev.orderplatform.contracts.Topics;
import dev.orderplatform.contracts.inventory.v1.GoodsQuantity;
import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc;
import dev.orderplatform.contracts.inventory.v1.SellRequest;
import dev.orderplatform.contracts.inventory.v1.SellResponse;
import dev.orderplatform.contracts.inventory.v1.SetStockRequest;
import dev.orderplatform.contracts.messaging.v1.StockReturnRequested;
import dev.orderplatform.infra.junit.PlatformInfrastructure;
import dev.orderplatform.infra.junit.WithPlatformInfrastructure;
import dev.orderplatform.web.grpc.ServiceCredentials;
import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the inventory service's tests: the whole application on the JVM's shared, real MariaDB (schema
 * {@code inventory}) and real RocketMQ broker (topics created up front, so the consumer rebalances at once), a
 * loopback gRPC server on a free port and MockMvc for HTTP (and the real server on a free port, for the tests that
 * need real HTTP). Every test class extends this unchanged, so they share
 * one Spring context (and one {@code inventory-reback} consumer); each test uses its own goods ids and order numbers.
 */
@WithPlatformInfrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orderplatform.jwt.secret=inventory-test-secret-that-is-at-least-32-bytes",
            "spring.grpc.server.address=127.0.0.1",
            "spring.grpc.server.port=0",
            "server.address=127.0.0.1"
        })
@AutoConfigureMockMvc
public abstract class InventoryServiceTest {

    /** Goods ids no other test (or earlier run on a kept database) uses. */
    private static final AtomicLong GOODS_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    private static TransactionMQProducer producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // The shared broker already has the platform's topics (order_reback as TRANSACTION).
        PlatformInfrastructure.shared().registerSpringProperties(registry, "inventory");
    }

    @Autowired
    protected MockMvc mvc;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JwtTokens tokens;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private GrpcServerLifecycle grpcServer;

    private ManagedChannel channel;
    /** Without a credential. */
    protected InventoryServiceGrpc.InventoryServiceBlockingStub anonymous;
    /** As the order service calls: with its service token. */
    protected InventoryServiceGrpc.InventoryServiceBlockingStub inventory;
    /** With a bearer token of the ADMIN role, which SetStock needs. */
    protected InventoryServiceGrpc.InventoryServiceBlockingStub admin;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcServer.getPort())
                .usePlaintext()
                .build();
        anonymous = InventoryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        inventory = asOrderService(anonymous);
        admin = withAuthorization(anonymous, adminToken());
    }

    protected InventoryServiceGrpc.InventoryServiceBlockingStub asOrderService(
            InventoryServiceGrpc.InventoryServiceBlockingStub stub) {
        return stub.withInterceptors(
                new ServiceCredentials(tokens, PlatformServices.ORDER, PlatformServices.INVENTORY));
    }

    protected static InventoryServiceGrpc.InventoryServiceBlockingStub withAuthorization(
            InventoryServiceGrpc.InventoryServiceBlockingStub stub, String authorization) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    protected ManagedChannel channel() {
        return channel;
    }

    protected static long freshGoodsId() {
        return GOODS_IDS.incrementAndGet();
    }

    protected static String freshOrderSn() {
        return "T" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A new goods with this stock, through the API. */
    protected long goodsWithStock(int stock) {
        long goodsId = freshGoodsId();
        admin.setStock(
                SetStockRequest.newBuilder().setGoodsId(goodsId).setStock(stock).build());
        return goodsId;
    }

    protected int stockOf(long goodsId) {
        return jdbc.queryForObject("SELECT stock FROM stock WHERE goods_id = ?", Integer.class, goodsId);
    }

    protected String recordStatus(String orderSn) {
        List<String> status =
                jdbc.queryForList("SELECT status FROM sell_record WHERE order_sn = ?", String.class, orderSn);
        return status.isEmpty() ? null : status.getFirst();
    }

    protected SellResponse sell(String orderSn, long... goodsIdAndQuantity) {
        SellRequest.Builder request = SellRequest.newBuilder().setOrderSn(orderSn);
        for (int i = 0; i < goodsIdAndQuantity.length; i += 2) {
            request.addItems(
                    GoodsQuantity.newBuilder().setGoodsId(goodsIdAndQuantity[i]).setQuantity((int)
                            goodsIdAndQuantity[i + 1]));
        }
        return inventory.sell(request.build());
    }

    protected String adminToken() {
        return "Bearer " + tokens.issue("inventory-admin", List.of(Roles.ADMIN), Duration.ofMinutes(5));
    }

    protected String userToken() {
        return "Bearer " + tokens.issue("shopper-7", List.of(Roles.USER), Duration.ofMinutes(5));
    }

    // --- the broker side, as the order service uses it -----------------------------------------------------------

    /** Sends a return request the way the order service does: a committed transactional message keyed by order. */
    protected static MessageExt sendReturn(String orderSn, String reason) throws Exception {
        byte[] body = StockReturnRequested.newBuilder()
                .setOrderSn(orderSn)
                .setReason(reason)
                .build()
                .toByteArray();
        return sendRaw(orderSn, body);
    }

    /** Sends any body to order_reback (committed transactional message); returns it as a consumer would see it. */
    protected static MessageExt sendRaw(String key, byte[] body) throws Exception {
        Message message = new Message(Topics.ORDER_REBACK, body);
        if (key != null) {
            message.setKeys(key);
        }
        TransactionSendResult sent = producer().sendMessageInTransaction(message, null);
        if (sent.getSendStatus() != SendStatus.SEND_OK
                || sent.getLocalTransactionState() != LocalTransactionState.COMMIT_MESSAGE) {
            throw new IllegalStateException("Not sent: " + sent);
        }
        MessageExt delivered = new MessageExt();
        delivered.setTopic(Topics.ORDER_REBACK);
        delivered.setBody(body);
        delivered.setMsgId(sent.getMsgId());
        if (key != null) {
            delivered.setKeys(key);
        }
        return delivered;
    }

    protected static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static synchronized TransactionMQProducer producer() throws MQClientException {
        if (producer == null) {
            TransactionMQProducer created = new TransactionMQProducer("inventory-test-producer");
            created.setNamesrvAddr(PlatformInfrastructure.shared().rocketMq().nameServerAddress());
            created.setTransactionListener(new TransactionListener() {
                @Override
                public LocalTransactionState executeLocalTransaction(Message message, Object argument) {
                    return LocalTransactionState.COMMIT_MESSAGE;
                }

                @Override
                public LocalTransactionState checkLocalTransaction(MessageExt message) {
                    return LocalTransactionState.COMMIT_MESSAGE;
                }
            });
            created.start();
            producer = created;
        }
        return producer;
    }
}
