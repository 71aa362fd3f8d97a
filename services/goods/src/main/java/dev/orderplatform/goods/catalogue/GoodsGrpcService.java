package dev.orderplatform.goods.catalogue;

import dev.orderplatform.contracts.goods.v1.BatchGetGoodsRequest;
import dev.orderplatform.contracts.goods.v1.BatchGetGoodsResponse;
import dev.orderplatform.contracts.goods.v1.CreateGoodsRequest;
import dev.orderplatform.contracts.goods.v1.GetGoodsRequest;
import dev.orderplatform.contracts.goods.v1.GoodsServiceGrpc;
import dev.orderplatform.contracts.goods.v1.UpdateGoodsRequest;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The catalogue over gRPC (the order service's way in). Same rules and failures as HTTP, through
 * {@link GoodsCatalogue}: {@code INVALID_ARGUMENT} for broken fields, {@code NOT_FOUND} for an unknown id,
 * {@code UNAVAILABLE} when the database cannot be reached (worth a retry), {@code INTERNAL} otherwise.
 */
@Component
class GoodsGrpcService extends GoodsServiceGrpc.GoodsServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(GoodsGrpcService.class);

    private final GoodsCatalogue catalogue;

    GoodsGrpcService(GoodsCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void getGoods(GetGoodsRequest request, StreamObserver<dev.orderplatform.contracts.goods.v1.Goods> response) {
        respond(response, () -> toMessage(catalogue.get(request.getId())));
    }

    @Override
    public void batchGetGoods(BatchGetGoodsRequest request, StreamObserver<BatchGetGoodsResponse> response) {
        respond(
                response,
                () -> BatchGetGoodsResponse.newBuilder()
                        .addAllGoods(catalogue.getAll(request.getIdsList()).stream()
                                .map(GoodsGrpcService::toMessage)
                                .toList())
                        .build());
    }

    @Override
    public void createGoods(
            CreateGoodsRequest request, StreamObserver<dev.orderplatform.contracts.goods.v1.Goods> response) {
        respond(
                response,
                () -> toMessage(catalogue.create(new GoodsDraft(
                        request.getName(), request.getPrice(), request.getImageUrl(), request.getOnSale()))));
    }

    @Override
    public void updateGoods(
            UpdateGoodsRequest request, StreamObserver<dev.orderplatform.contracts.goods.v1.Goods> response) {
        respond(
                response,
                () -> toMessage(catalogue.update(
                        request.getId(),
                        new GoodsDraft(
                                request.getName(), request.getPrice(), request.getImageUrl(), request.getOnSale()))));
    }

    static dev.orderplatform.contracts.goods.v1.Goods toMessage(Goods goods) {
        return dev.orderplatform.contracts.goods.v1.Goods.newBuilder()
                .setId(goods.id())
                .setName(goods.name())
                .setPrice(goods.priceText())
                .setImageUrl(goods.imageUrl() == null ? "" : goods.imageUrl())
                .setOnSale(goods.onSale())
                .build();
    }

    private static <T> void respond(StreamObserver<T> response, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException failure) {
            response.onError(toStatus(failure));
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    static StatusException toStatus(RuntimeException failure) {
        if (failure instanceof GoodsNotFoundException) {
            return Status.NOT_FOUND.withDescription(failure.getMessage()).asException();
        }
        if (failure instanceof InvalidGoodsException) {
            return Status.INVALID_ARGUMENT.withDescription(failure.getMessage()).asException();
        }
        if (failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessException) {
            log.warn("Goods database unavailable", failure);
            return Status.UNAVAILABLE
                    .withDescription("The goods database is unavailable; try again.")
                    .asException();
        }
        if (failure instanceof DataAccessException) {
            log.error("Goods database call failed", failure);
        } else {
            log.error("gRPC call failed", failure);
        }
        return Status.INTERNAL
                .withDescription("The goods service failed; see its log.")
                .asException();
    }
}
