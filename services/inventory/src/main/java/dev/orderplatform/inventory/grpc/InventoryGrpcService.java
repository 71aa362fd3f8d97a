package dev.orderplatform.inventory.grpc;

import dev.orderplatform.contracts.inventory.v1.GetSellRecordRequest;
import dev.orderplatform.contracts.inventory.v1.GetSellRecordsRequest;
import dev.orderplatform.contracts.inventory.v1.GetStockRequest;
import dev.orderplatform.contracts.inventory.v1.GoodsQuantity;
import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc;
import dev.orderplatform.contracts.inventory.v1.ListSellRecordsRequest;
import dev.orderplatform.contracts.inventory.v1.ListSellRecordsResponse;
import dev.orderplatform.contracts.inventory.v1.SellOutcome;
import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.contracts.inventory.v1.SellRequest;
import dev.orderplatform.contracts.inventory.v1.SellResponse;
import dev.orderplatform.contracts.inventory.v1.SetStockRequest;
import dev.orderplatform.contracts.inventory.v1.SettleSellRecordsRequest;
import dev.orderplatform.contracts.inventory.v1.SettleSellRecordsResponse;
import dev.orderplatform.contracts.inventory.v1.Stock;
import dev.orderplatform.inventory.sell.SellErrors;
import dev.orderplatform.inventory.sell.SellRecord;
import dev.orderplatform.inventory.sell.SellRecordItem;
import dev.orderplatform.inventory.sell.SellResult;
import dev.orderplatform.inventory.sell.SellService;
import dev.orderplatform.inventory.sell.SellStatus;
import dev.orderplatform.inventory.stock.StockService;
import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.tracing.OrderLogContext;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The gRPC face of the inventory (port 9092), over the same services as the HTTP API. Business outcomes of Sell are
 * answers; a gRPC error other than INVALID_ARGUMENT / NOT_FOUND means the outcome is unknown to the caller (A2).
 */
@Service
public class InventoryGrpcService extends InventoryServiceGrpc.InventoryServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(InventoryGrpcService.class);

    private final StockService stocks;
    private final SellService sells;

    public InventoryGrpcService(StockService stocks, SellService sells) {
        this.stocks = stocks;
        this.sells = sells;
    }

    @Override
    public void setStock(SetStockRequest request, StreamObserver<Stock> response) {
        answer(response, () -> stock(stocks.set(request.getGoodsId(), request.getStock())));
    }

    @Override
    public void getStock(GetStockRequest request, StreamObserver<Stock> response) {
        answer(response, () -> stock(stocks.get(request.getGoodsId())));
    }

    @Override
    public void sell(SellRequest request, StreamObserver<SellResponse> response) {
        // The Sell's log lines name its order, next to the trace of the order's creation (docs/observability.md).
        try (OrderLogContext.Scope orderSn = OrderLogContext.scoped(request.getOrderSn())) {
            answer(response, () -> sold(request));
        }
    }

    private SellResponse sold(SellRequest request) {
        SellResult result = sells.sell(
                request.getOrderSn(),
                request.getItemsList().stream()
                        .map(item -> new SellRecordItem(item.getGoodsId(), item.getQuantity()))
                        .toList());
        return SellResponse.newBuilder()
                .setOutcome(
                        switch (result.outcome()) {
                            case DEDUCTED -> SellOutcome.SELL_OUTCOME_DEDUCTED;
                            case INSUFFICIENT_STOCK -> SellOutcome.SELL_OUTCOME_INSUFFICIENT_STOCK;
                            case UNKNOWN_GOODS -> SellOutcome.SELL_OUTCOME_UNKNOWN_GOODS;
                            case ALREADY_RETURNED -> SellOutcome.SELL_OUTCOME_ALREADY_RETURNED;
                            case ORDER_SN_CONFLICT -> SellOutcome.SELL_OUTCOME_ORDER_SN_CONFLICT;
                        })
                .addAllShortGoodsIds(result.shortGoodsIds())
                .addAllUnknownGoodsIds(result.unknownGoodsIds())
                .build();
    }

    @Override
    public void getSellRecord(
            GetSellRecordRequest request,
            StreamObserver<dev.orderplatform.contracts.inventory.v1.SellRecord> response) {
        answer(
                response,
                () -> sellRecord(sells.find(request.getOrderSn())
                        .orElseThrow(() -> ApiProblem.notFound(
                                SellErrors.SELL_RECORD_NOT_FOUND,
                                "No sell record for order " + request.getOrderSn()))));
    }

    @Override
    public void listSellRecords(ListSellRecordsRequest request, StreamObserver<ListSellRecordsResponse> response) {
        answer(response, () -> {
            SellStatus status = switch (request.getStatus()) {
                case SELL_RECORD_STATUS_DEDUCTED -> SellStatus.DEDUCTED;
                case SELL_RECORD_STATUS_RETURNED -> SellStatus.RETURNED;
                default -> null;
            };
            Instant createdBefore =
                    request.getCreatedBefore() > 0 ? Instant.ofEpochMilli(request.getCreatedBefore()) : null;
            ListSellRecordsResponse.Builder page = ListSellRecordsResponse.newBuilder();
            sells.list(
                            status,
                            createdBefore,
                            request.getAfterOrderSn(),
                            request.getPageSize(),
                            request.getUnsettledOnly())
                    .forEach(record -> page.addRecords(sellRecord(record)));
            return page.build();
        });
    }

    @Override
    public void getSellRecords(GetSellRecordsRequest request, StreamObserver<ListSellRecordsResponse> response) {
        answer(response, () -> {
            ListSellRecordsResponse.Builder records = ListSellRecordsResponse.newBuilder();
            sells.findAll(request.getOrderSnsList()).forEach(record -> records.addRecords(sellRecord(record)));
            return records.build();
        });
    }

    @Override
    public void settleSellRecords(
            SettleSellRecordsRequest request, StreamObserver<SettleSellRecordsResponse> response) {
        answer(
                response,
                () -> SettleSellRecordsResponse.newBuilder()
                        .setSettled(sells.settle(request.getOrderSnsList()))
                        .build());
    }

    private static Stock stock(dev.orderplatform.inventory.stock.Stock stock) {
        return Stock.newBuilder()
                .setGoodsId(stock.goodsId())
                .setStock(stock.stock())
                .build();
    }

    private static dev.orderplatform.contracts.inventory.v1.SellRecord sellRecord(SellRecord record) {
        var message = dev.orderplatform.contracts.inventory.v1.SellRecord.newBuilder()
                .setOrderSn(record.orderSn())
                .setStatus(
                        record.status() == SellStatus.DEDUCTED
                                ? SellRecordStatus.SELL_RECORD_STATUS_DEDUCTED
                                : SellRecordStatus.SELL_RECORD_STATUS_RETURNED)
                .setSettled(record.settled())
                .setCreatedAt(record.createdAt().toEpochMilli())
                .setUpdatedAt(record.updatedAt().toEpochMilli());
        for (SellRecordItem item : record.sortedItems()) {
            message.addItems(
                    GoodsQuantity.newBuilder().setGoodsId(item.goodsId()).setQuantity(item.quantity()));
        }
        return message.build();
    }

    /** Answers the call, or fails it with a status that tells the caller whether anything may have changed. */
    private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
        T answer;
        try {
            answer = call.get();
        } catch (ApiProblem problem) {
            Status status = switch (problem.status()) {
                case NOT_FOUND -> Status.NOT_FOUND;
                case BAD_REQUEST -> Status.INVALID_ARGUMENT;
                case CONFLICT -> Status.FAILED_PRECONDITION;
                default -> Status.INTERNAL;
            };
            response.onError(status.withDescription(problem.code() + ": " + problem.getMessage())
                    .asRuntimeException());
            return;
        } catch (TransientDataAccessException
                | DataAccessResourceFailureException
                | CannotCreateTransactionException unavailable) {
            // Includes deadlocks (CannotAcquireLockException) after their retries and query timeouts.
            log.warn("Inventory call failed, database unavailable", unavailable);
            response.onError(Status.UNAVAILABLE
                    .withDescription("database unavailable; the outcome is unknown")
                    .withCause(unavailable)
                    .asRuntimeException());
            return;
        } catch (RuntimeException failure) {
            log.error("Inventory call failed", failure);
            response.onError(Status.INTERNAL
                    .withDescription("internal error; the outcome is unknown")
                    .withCause(failure)
                    .asRuntimeException());
            return;
        }
        response.onNext(answer);
        response.onCompleted();
    }
}
