package dev.orderplatform.order.remote;

import dev.orderplatform.contracts.inventory.v1.GetSellRecordRequest;
import dev.orderplatform.contracts.inventory.v1.GetSellRecordsRequest;
import dev.orderplatform.contracts.inventory.v1.GetStockRequest;
import dev.orderplatform.contracts.inventory.v1.GoodsQuantity;
import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc.InventoryServiceBlockingStub;
import dev.orderplatform.contracts.inventory.v1.ListSellRecordsRequest;
import dev.orderplatform.contracts.inventory.v1.SellRecord;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.contracts.inventory.v1.SellRequest;
import dev.orderplatform.contracts.inventory.v1.SellResponse;
import dev.orderplatform.contracts.inventory.v1.SettleSellRecordsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stock, over gRPC with a deadline per call. A {@link StatusRuntimeException} from {@link #sell} means the outcome
 * is unknown (A2): the stock may have been deducted.
 */
public class InventoryGateway {

    private final InventoryServiceBlockingStub stub;
    private final Duration deadline;

    public InventoryGateway(InventoryServiceBlockingStub stub, Duration deadline) {
        this.stub = stub;
        this.deadline = deadline;
    }

    /** Deducts the stock of one order (all items or none); idempotent per order number on the inventory side (A6). */
    public SellResponse sell(String orderSn, Map<Long, Integer> quantities) {
        SellRequest.Builder request = SellRequest.newBuilder().setOrderSn(orderSn);
        quantities.forEach((goodsId, quantity) ->
                request.addItems(GoodsQuantity.newBuilder().setGoodsId(goodsId).setQuantity(quantity)));
        return withDeadline().sell(request.build());
    }

    public Optional<SellRecord> sellRecord(String orderSn) {
        try {
            return Optional.of(withDeadline()
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

    /** One page of every sell record, by order number after {@code afterOrderSn} (empty: from the first). */
    public List<SellRecord> sellRecords(String afterOrderSn, int pageSize) {
        return listSellRecords(ListSellRecordsRequest.newBuilder()
                .setAfterOrderSn(afterOrderSn)
                .setPageSize(pageSize));
    }

    /** One page of the DEDUCTED records that are not settled and were created before {@code createdBefore}. */
    public List<SellRecord> unsettledDeductions(Instant createdBefore, String afterOrderSn, int pageSize) {
        return listSellRecords(ListSellRecordsRequest.newBuilder()
                .setStatus(SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED)
                .setUnsettledOnly(true)
                .setCreatedBefore(createdBefore.toEpochMilli())
                .setAfterOrderSn(afterOrderSn)
                .setPageSize(pageSize));
    }

    /** The sell records of these orders (at most 1000); an order without one has no entry. */
    public List<SellRecord> sellRecords(Collection<String> orderSns) {
        return withDeadline()
                .getSellRecords(GetSellRecordsRequest.newBuilder()
                        .addAllOrderSns(orderSns)
                        .build())
                .getRecordsList();
    }

    /** Marks the DEDUCTED records of these paid orders (at most 1000) settled; answers how many it marked. */
    public int settle(Collection<String> paidOrderSns) {
        return withDeadline()
                .settleSellRecords(SettleSellRecordsRequest.newBuilder()
                        .addAllOrderSns(paidOrderSns)
                        .build())
                .getSettled();
    }

    private List<SellRecord> listSellRecords(ListSellRecordsRequest.Builder request) {
        return withDeadline().listSellRecords(request.build()).getRecordsList();
    }

    /** The stock of one goods, or empty when it has no stock row. */
    public Optional<Integer> stock(long goodsId) {
        try {
            return Optional.of(withDeadline()
                    .getStock(GetStockRequest.newBuilder().setGoodsId(goodsId).build())
                    .getStock());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private InventoryServiceBlockingStub withDeadline() {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
}
