package dev.orderplatform.order.support;

import dev.orderplatform.contracts.PlatformServices;
import dev.orderplatform.contracts.goods.v1.CreateGoodsRequest;
import dev.orderplatform.contracts.goods.v1.GetGoodsRequest;
import dev.orderplatform.contracts.goods.v1.Goods;
import dev.orderplatform.contracts.goods.v1.GoodsServiceGrpc;
import dev.orderplatform.contracts.goods.v1.UpdateGoodsRequest;
import dev.orderplatform.contracts.inventory.v1.GetSellRecordRequest;
import dev.orderplatform.contracts.inventory.v1.GetStockRequest;
import dev.orderplatform.contracts.inventory.v1.GoodsQuantity;
import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc;
import dev.orderplatform.contracts.inventory.v1.SellRecord;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.contracts.inventory.v1.SellRequest;
import dev.orderplatform.contracts.inventory.v1.SellResponse;
import dev.orderplatform.contracts.inventory.v1.SetStockRequest;
import dev.orderplatform.infra.junit.PlatformInfrastructure;
import dev.orderplatform.infra.support.Ports;
import dev.orderplatform.infra.zipkin.ZipkinCollector;
import dev.orderplatform.web.grpc.ServiceCredentials;
import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The platform the order service's tests run against, once per test JVM: the shared broker and database, and the
 * real goods and inventory services as processes. Helpers to set up goods and stock and to look at the inventory.
 */
public final class Platform {

    public static final String JWT_SECRET = "order-service-tests-secret-0123456789abcdef";

    private static volatile Platform instance;

    private final PlatformInfrastructure infra;
    private final ServiceProcesses services;
    /** Where every service sends the spans of sampled traces; the collector starts with the first test that reads them. */
    private final int traceCollectorPort = Ports.freePort();

    private ZipkinCollector traceCollector;
    private final JwtTokens tokens = new JwtTokens(JWT_SECRET.getBytes(StandardCharsets.UTF_8));
    private final GoodsServiceGrpc.GoodsServiceBlockingStub goodsStub;
    private final InventoryServiceGrpc.InventoryServiceBlockingStub inventoryStub;
    /** As the order service calls the inventory: with its service token, which Sell needs. */
    private final InventoryServiceGrpc.InventoryServiceBlockingStub sellerStub;

    private Platform() {
        infra = PlatformInfrastructure.shared();
        Map<String, String> asOnACluster = new LinkedHashMap<>(tracing());
        asOnACluster.put("logging.structured.format.console", "ecs"); // JSON logs, as a cluster ingests them
        services = ServiceProcesses.start(infra, JWT_SECRET, asOnACluster);
        Metadata admin = new Metadata();
        admin.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + adminToken());
        ManagedChannel goodsChannel = ManagedChannelBuilder.forAddress("127.0.0.1", goodsGrpcPort())
                .usePlaintext()
                .build();
        ManagedChannel inventoryChannel = ManagedChannelBuilder.forAddress("127.0.0.1", inventoryGrpcPort())
                .usePlaintext()
                .build();
        goodsStub = GoodsServiceGrpc.newBlockingStub(goodsChannel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(admin));
        inventoryStub = InventoryServiceGrpc.newBlockingStub(inventoryChannel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(admin));
        sellerStub = InventoryServiceGrpc.newBlockingStub(inventoryChannel)
                .withInterceptors(new ServiceCredentials(tokens, PlatformServices.ORDER, PlatformServices.INVENTORY));
    }

    public static Platform get() {
        Platform current = instance;
        if (current == null) {
            synchronized (Platform.class) {
                if (instance == null) {
                    instance = new Platform();
                }
                current = instance;
            }
        }
        return current;
    }

    /** The goods and inventory services start while the order application under test does: wait for them here. */
    private GoodsServiceGrpc.GoodsServiceBlockingStub goods() {
        services.awaitReady();
        return goodsStub;
    }

    private InventoryServiceGrpc.InventoryServiceBlockingStub inventory() {
        services.awaitReady();
        return inventoryStub;
    }

    public PlatformInfrastructure infra() {
        return infra;
    }

    /**
     * Every service, in its process or in this JVM, exports the traces that a test samples (a request with a sampled
     * {@code traceparent}) to the trace collector, and only those: sampling probability 0 for all others, so the
     * tests that do not look at traces send nothing.
     */
    private Map<String, String> tracing() {
        Map<String, String> tracing = new LinkedHashMap<>(ZipkinCollector.exportProperties(traceCollectorPort));
        tracing.put("management.tracing.sampling.probability", "0");
        return tracing;
    }

    /** Zipkin's server on this platform's collector port, started on first use and stopped with the test JVM. */
    public synchronized ZipkinCollector traceCollector() {
        if (traceCollector == null) {
            traceCollector = ZipkinCollector.start(
                    services.dir().resolve("zipkin-server-exec.jar"),
                    traceCollectorPort,
                    services.dir().resolve("zipkin.log"),
                    Duration.ofMinutes(2));
            Runtime.getRuntime().addShutdownHook(new Thread(traceCollector::close, "order-test-zipkin-shutdown"));
        }
        return traceCollector;
    }

    /** The inventory service's log: JSON lines (Spring Boot's structured logging, ECS). */
    public Path inventoryLog() {
        return services.dir().resolve("inventory.log");
    }

    /** Properties of an order application against this platform. */
    public Map<String, Object> orderProperties(Duration orderTimeout) {
        infra.mariaDb().createSchema("orders");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", infra.mariaDb().jdbcUrl("orders"));
        properties.put("spring.datasource.username", infra.mariaDb().username());
        properties.put("spring.datasource.password", infra.mariaDb().password());
        properties.put("orderplatform.rocketmq.name-server", infra.rocketMq().nameServerAddress());
        properties.put("orderplatform.jwt.secret", JWT_SECRET);
        properties.put("spring.grpc.client.channel.goods.target", "static://127.0.0.1:" + goodsGrpcPort());
        properties.put("spring.grpc.client.channel.inventory.target", "static://127.0.0.1:" + inventoryGrpcPort());
        properties.put("orderplatform.order.timeout", orderTimeout.toMillis() + "ms");
        properties.put("orderplatform.order.grpc-deadline", "5s");
        properties.put("orderplatform.reconciliation.enabled", "false");
        // Tests refresh the invariant metrics themselves (InvariantMetrics.refresh).
        properties.put("orderplatform.monitoring.enabled", "false");
        properties.put("server.port", "0");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "2s");
        properties.putAll(tracing());
        return properties;
    }

    /** Registers everything but the order timeout (test classes set it with {@code @TestPropertySource}). */
    public void register(DynamicPropertyRegistry registry) {
        orderProperties(Duration.ZERO).forEach((key, value) -> {
            if (!key.equals("orderplatform.order.timeout")) {
                registry.add(key, () -> value);
            }
        });
    }

    public int goodsGrpcPort() {
        return services.service("goods").grpcPort();
    }

    public int inventoryGrpcPort() {
        return services.service("inventory").grpcPort();
    }

    public int goodsHttpPort() {
        services.awaitReady();
        return services.service("goods").httpPort();
    }

    public int inventoryHttpPort() {
        return services.service("inventory").httpPort();
    }

    public String adminToken() {
        return tokens.issue("test-admin", List.of(Roles.ADMIN), Duration.ofHours(2));
    }

    public String userToken(String userId) {
        return tokens.issue(userId, List.of(Roles.USER), Duration.ofHours(2));
    }

    public static String freshUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static String freshOrderSn() {
        return "T" + System.currentTimeMillis()
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A new goods on sale with its stock. */
    public long newGoods(String price, int stock) {
        long id = goods().createGoods(CreateGoodsRequest.newBuilder()
                        .setName("test goods " + UUID.randomUUID())
                        .setPrice(price)
                        .setOnSale(true)
                        .build())
                .getId();
        inventory()
                .setStock(SetStockRequest.newBuilder()
                        .setGoodsId(id)
                        .setStock(stock)
                        .build());
        return id;
    }

    /** Takes a goods off sale in the catalogue. */
    public void takeOffSale(long goodsId) {
        updateGoods(goodsId, goods -> goods.setOnSale(false));
    }

    /** Changes the price of a goods in the catalogue. */
    public void changePrice(long goodsId, String price) {
        updateGoods(goodsId, goods -> goods.setPrice(price));
    }

    private void updateGoods(long goodsId, Consumer<UpdateGoodsRequest.Builder> change) {
        Goods current =
                goods().getGoods(GetGoodsRequest.newBuilder().setId(goodsId).build());
        UpdateGoodsRequest.Builder update = UpdateGoodsRequest.newBuilder()
                .setId(goodsId)
                .setName(current.getName())
                .setPrice(current.getPrice())
                .setImageUrl(current.getImageUrl())
                .setOnSale(current.getOnSale());
        change.accept(update);
        goods().updateGoods(update.build());
    }

    /** A metric of the inventory service's Prometheus scrape, summed over the series matching all fragments. */
    public double inventoryMetric(String name, String... labelFragments) {
        services.awaitReady();
        return scraped(inventoryHttpPort(), name, labelFragments);
    }

    /**
     * A metric of the Prometheus scrape of the service on {@code httpPort}, summed over the series whose line
     * contains all fragments (e.g. {@code kind="QUANTITY_MISMATCH"}); 0 when there is none.
     */
    public static double scraped(int httpPort, String name, String... labelFragments) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                            "http://127.0.0.1:" + httpPort + "/actuator/prometheus"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            double sum = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                    boolean all = true;
                    for (String fragment : labelFragments) {
                        all &= line.contains(fragment);
                    }
                    if (all) {
                        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            }
            return sum;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int stock(long goodsId) {
        return inventory()
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .getStock(GetStockRequest.newBuilder().setGoodsId(goodsId).build())
                .getStock();
    }

    public Optional<SellRecord> sellRecord(String orderSn) {
        try {
            return Optional.of(inventory()
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getSellRecord(GetSellRecordRequest.newBuilder()
                            .setOrderSn(orderSn)
                            .build()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public SellRecordStatus sellRecordStatus(String orderSn) {
        return sellRecord(orderSn).map(SellRecord::getStatus).orElse(SellRecordStatus.SELL_RECORD_STATUS_UNSPECIFIED);
    }

    /** Sell straight to the inventory, as a (late or retried) order service call would. */
    public SellResponse sell(SellRequest request) {
        services.awaitReady();
        return sellerStub.withDeadlineAfter(5, TimeUnit.SECONDS).sell(request);
    }

    public SellResponse sell(String orderSn, long goodsId, int quantity) {
        return sell(SellRequest.newBuilder()
                .setOrderSn(orderSn)
                .addItems(GoodsQuantity.newBuilder().setGoodsId(goodsId).setQuantity(quantity))
                .build());
    }
}
