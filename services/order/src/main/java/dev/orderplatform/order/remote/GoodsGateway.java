package dev.orderplatform.order.remote;

import dev.orderplatform.contracts.goods.v1.BatchGetGoodsRequest;
import dev.orderplatform.contracts.goods.v1.Goods;
import dev.orderplatform.contracts.goods.v1.GoodsServiceGrpc.GoodsServiceBlockingStub;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The catalogue, over gRPC with a deadline per call. Errors surface as {@link StatusRuntimeException}. */
public class GoodsGateway {

    private final GoodsServiceBlockingStub stub;
    private final Duration deadline;

    public GoodsGateway(GoodsServiceBlockingStub stub, Duration deadline) {
        this.stub = stub;
        this.deadline = deadline;
    }

    /** The goods that exist among {@code ids}, by id (unknown ids are absent from the map). */
    public Map<Long, Goods> batchGet(Collection<Long> ids) {
        Map<Long, Goods> found = new LinkedHashMap<>();
        for (Goods goods : withDeadline()
                .batchGetGoods(BatchGetGoodsRequest.newBuilder().addAllIds(ids).build())
                .getGoodsList()) {
            found.put(goods.getId(), goods);
        }
        return found;
    }

    private GoodsServiceBlockingStub withDeadline() {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
}
