package dev.orderplatform.goods.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.contracts.PlatformServices;
import dev.orderplatform.contracts.goods.v1.BatchGetGoodsRequest;
import dev.orderplatform.contracts.goods.v1.CreateGoodsRequest;
import dev.orderplatform.contracts.goods.v1.GetGoodsRequest;
import dev.orderplatform.contracts.goods.v1.Goods;
import dev.orderplatform.contracts.goods.v1.GoodsServiceGrpc;
import dev.orderplatform.contracts.goods.v1.UpdateGoodsRequest;
import dev.orderplatform.goods.GoodsServiceTest;
import dev.orderplatform.web.grpc.ServiceCredentials;
import dev.orderplatform.web.testing.ObservedMeters;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/** The gRPC API through a real channel to the server on a loopback port, as the order service calls it. */
class GoodsGrpcTest extends GoodsServiceTest {

    @Autowired
    GrpcServerLifecycle grpcServer;

    @Autowired
    MeterRegistry meters;

    ManagedChannel channel;
    /** Without a credential. */
    GoodsServiceGrpc.GoodsServiceBlockingStub anonymous;
    /** Reads, as the order service calls them: with its service token. */
    GoodsServiceGrpc.GoodsServiceBlockingStub reader;
    /** Writes: a bearer token with the ADMIN role in the {@code authorization} metadata. */
    GoodsServiceGrpc.GoodsServiceBlockingStub goods;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcServer.getPort())
                .usePlaintext()
                .build();
        anonymous = GoodsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        reader = anonymous.withInterceptors(
                new ServiceCredentials(tokens, PlatformServices.ORDER, PlatformServices.GOODS));
        goods = withAuthorization(anonymous, adminToken());
    }

    private static GoodsServiceGrpc.GoodsServiceBlockingStub withAuthorization(
            GoodsServiceGrpc.GoodsServiceBlockingStub stub, String authorization) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void createThenGet() {
        String name = uniqueName("Teapot");
        Goods created = goods.createGoods(CreateGoodsRequest.newBuilder()
                .setName(name)
                .setPrice("12.5")
                .setImageUrl("https://img.example/teapot.png")
                .setOnSale(true)
                .build());
        assertThat(created.getId()).isPositive();
        assertThat(created.getPrice()).isEqualTo("12.50");

        Goods read = reader.getGoods(
                GetGoodsRequest.newBuilder().setId(created.getId()).build());
        assertThat(read).isEqualTo(created);
        assertThat(read.getName()).isEqualTo(name);
        assertThat(read.getImageUrl()).isEqualTo("https://img.example/teapot.png");
        assertThat(read.getOnSale()).isTrue();
    }

    @Test
    void priceIsKeptExactly() {
        for (String[] sentAndKept : new String[][] {
            {"0.10", "0.10"},
            {"19.99", "19.99"},
            {"9999999999.99", "9999999999.99"},
            {"3", "3.00"},
            {"0.01", "0.01"},
            {"100.500", "100.50"}
        }) {
            Goods created = goods.createGoods(CreateGoodsRequest.newBuilder()
                    .setName(uniqueName("Coin"))
                    .setPrice(sentAndKept[0])
                    .setOnSale(true)
                    .build());
            assertThat(goods.getGoods(GetGoodsRequest.newBuilder()
                                    .setId(created.getId())
                                    .build())
                            .getPrice())
                    .as("price sent as %s", sentAndKept[0])
                    .isEqualTo(sentAndKept[1]);
        }
    }

    @Test
    void batchGetReturnsTheGoodsThatExistInRequestOrder() {
        Goods first = create(uniqueName("Spoon"), "1.10");
        Goods second = create(uniqueName("Fork"), "2.20");
        long unknown = Long.MAX_VALUE - 1;

        List<Goods> found = reader.batchGetGoods(BatchGetGoodsRequest.newBuilder()
                        .addIds(second.getId())
                        .addIds(unknown)
                        .addIds(first.getId())
                        .addIds(second.getId())
                        .build())
                .getGoodsList();

        assertThat(found).containsExactly(second, first);
        assertThat(reader.batchGetGoods(BatchGetGoodsRequest.newBuilder()
                                .addIds(unknown)
                                .build())
                        .getGoodsList())
                .isEmpty();
        assertThat(reader.batchGetGoods(BatchGetGoodsRequest.getDefaultInstance())
                        .getGoodsList())
                .isEmpty();
    }

    @Test
    void unknownIdIsNotFound() {
        assertStatus(
                () -> reader.getGoods(
                        GetGoodsRequest.newBuilder().setId(Long.MAX_VALUE).build()),
                Status.Code.NOT_FOUND);
        String name = uniqueName("Nobody");
        assertStatus(
                () -> goods.updateGoods(UpdateGoodsRequest.newBuilder()
                        .setId(Long.MAX_VALUE)
                        .setName(name)
                        .setPrice("1.00")
                        .build()),
                Status.Code.NOT_FOUND);
        assertThat(rowsNamed(name)).isZero();
    }

    @Test
    void invalidCreateIsRefusedAndWritesNothing() {
        String name = uniqueName("Invalid");
        for (String price : List.of("", "-1", "-0.01", "12.345", "abc", "12,50", "NaN", "Infinity", "10000000000")) {
            assertStatus(
                    () -> goods.createGoods(CreateGoodsRequest.newBuilder()
                            .setName(name)
                            .setPrice(price)
                            .build()),
                    Status.Code.INVALID_ARGUMENT);
        }
        assertStatus(
                () -> goods.createGoods(CreateGoodsRequest.newBuilder()
                        .setName(" ")
                        .setPrice("1")
                        .build()),
                Status.Code.INVALID_ARGUMENT);
        assertThat(rowsNamed(name)).isZero();
    }

    @Test
    void updateReplacesTheGoods() {
        Goods original = create(uniqueName("Chair"), "45.00");
        String renamed = uniqueName("Armchair");

        Goods updated = goods.updateGoods(UpdateGoodsRequest.newBuilder()
                .setId(original.getId())
                .setName(renamed)
                .setPrice("49.9")
                .setImageUrl("https://img.example/a.png")
                .setOnSale(false)
                .build());

        assertThat(updated.getId()).isEqualTo(original.getId());
        assertThat(updated.getName()).isEqualTo(renamed);
        assertThat(updated.getPrice()).isEqualTo("49.90");
        assertThat(updated.getOnSale()).isFalse();
        assertThat(goods.getGoods(
                        GetGoodsRequest.newBuilder().setId(original.getId()).build()))
                .isEqualTo(updated);
    }

    @Test
    void invalidUpdateIsRefusedAndChangesNothing() {
        Goods original = create(uniqueName("Table"), "120.00");
        for (UpdateGoodsRequest.Builder request : List.of(
                UpdateGoodsRequest.newBuilder().setName("").setPrice("1.00"),
                UpdateGoodsRequest.newBuilder().setName("Desk").setPrice("-5"),
                UpdateGoodsRequest.newBuilder().setName("Desk").setPrice("5.001"),
                UpdateGoodsRequest.newBuilder().setName("Desk").setPrice("five"))) {
            assertStatus(
                    () -> goods.updateGoods(request.setId(original.getId()).build()), Status.Code.INVALID_ARGUMENT);
        }
        assertThat(goods.getGoods(
                        GetGoodsRequest.newBuilder().setId(original.getId()).build()))
                .isEqualTo(original);
    }

    @Test
    void writesNeedTheAdminRole() {
        String name = uniqueName("Smuggled");
        CreateGoodsRequest create =
                CreateGoodsRequest.newBuilder().setName(name).setPrice("1.00").build();
        assertStatus(() -> anonymous.createGoods(create), Status.Code.UNAUTHENTICATED);
        assertStatus(
                () -> withAuthorization(anonymous, userToken()).createGoods(create), Status.Code.PERMISSION_DENIED);
        assertStatus(
                () -> withAuthorization(anonymous, "Bearer forged").createGoods(create), Status.Code.UNAUTHENTICATED);
        assertStatus(() -> reader.createGoods(create), Status.Code.PERMISSION_DENIED);
        assertThat(rowsNamed(name)).isZero();

        Goods original = create(uniqueName("Guarded"), "5.00");
        UpdateGoodsRequest update = UpdateGoodsRequest.newBuilder()
                .setId(original.getId())
                .setName(name)
                .setPrice("0.01")
                .build();
        assertStatus(() -> anonymous.updateGoods(update), Status.Code.UNAUTHENTICATED);
        assertStatus(
                () -> withAuthorization(anonymous, userToken()).updateGoods(update), Status.Code.PERMISSION_DENIED);
        assertStatus(() -> reader.updateGoods(update), Status.Code.PERMISSION_DENIED);
        assertThat(reader.getGoods(
                        GetGoodsRequest.newBuilder().setId(original.getId()).build()))
                .isEqualTo(original);
    }

    @Test
    void readsAreForTheOrderServiceAndAdministrators() {
        Goods created = create(uniqueName("Vase"), "7.00");
        GetGoodsRequest get =
                GetGoodsRequest.newBuilder().setId(created.getId()).build();
        BatchGetGoodsRequest batch =
                BatchGetGoodsRequest.newBuilder().addIds(created.getId()).build();
        assertThat(reader.getGoods(get)).isEqualTo(created);
        assertThat(goods.batchGetGoods(batch).getGoodsList()).containsExactly(created);

        for (GoodsServiceGrpc.GoodsServiceBlockingStub stranger : List.of(
                anonymous,
                withAuthorization(
                        anonymous,
                        "Bearer "
                                + tokens.issueServiceToken(
                                        PlatformServices.ORDER, PlatformServices.INVENTORY, Duration.ofMinutes(5))))) {
            assertStatus(() -> stranger.getGoods(get), Status.Code.UNAUTHENTICATED);
            assertStatus(() -> stranger.batchGetGoods(batch), Status.Code.UNAUTHENTICATED);
        }
        GoodsServiceGrpc.GoodsServiceBlockingStub user = withAuthorization(anonymous, userToken());
        assertStatus(() -> user.getGoods(get), Status.Code.PERMISSION_DENIED);
        assertStatus(() -> user.batchGetGoods(batch), Status.Code.PERMISSION_DENIED);
    }

    @Test
    void callsAreObservedButNotTheirAuthentication() {
        Goods created = create(uniqueName("Lamp"), "4.00");
        assertThat(reader.getGoods(
                        GetGoodsRequest.newBuilder().setId(created.getId()).build()))
                .isEqualTo(created);

        ObservedMeters.assertObservedWithoutSecurity(meters, "grpc.server");
    }

    @Test
    void createdOverGrpcIsVisibleOverHttp() throws Exception {
        Goods created = create(uniqueName("Bridge"), "0.99");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/api/v1/goods/" + created.getId()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.price")
                        .value("0.99"));
    }

    private Goods create(String name, String price) {
        return goods.createGoods(CreateGoodsRequest.newBuilder()
                .setName(name)
                .setPrice(price)
                .setOnSale(true)
                .build());
    }

    private static void assertStatus(Runnable call, Status.Code expected) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(expected));
    }
}
