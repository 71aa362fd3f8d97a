package dev.orderplatform.inventory.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.orderplatform.contracts.inventory.v1.GoodsQuantity;
import dev.orderplatform.contracts.inventory.v1.SellRequest;
import dev.orderplatform.contracts.inventory.v1.SellResponse;
import dev.orderplatform.inventory.sell.SellService;
import dev.orderplatform.inventory.stock.StockService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;

/** A failure of the infrastructure is a gRPC error (the caller must treat the outcome as unknown, A2), never a
 * business outcome. */
class GrpcFailureMappingTest {

    final SellService sells = mock(SellService.class);
    final InventoryGrpcService service = new InventoryGrpcService(mock(StockService.class), sells);
    final SellRequest request = SellRequest.newBuilder()
            .setOrderSn("O-1")
            .addItems(GoodsQuantity.newBuilder().setGoodsId(1).setQuantity(1))
            .build();

    @Test
    void databaseDownIsUnavailable() {
        when(sells.sell(any(), anyList())).thenThrow(new DataAccessResourceFailureException("connection refused"));
        assertThat(statusOf(request)).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void deadlockRetriesExhaustedIsUnavailable() {
        when(sells.sell(any(), anyList())).thenThrow(new CannotAcquireLockException("deadlock"));
        assertThat(statusOf(request)).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void anythingElseIsInternal() {
        when(sells.sell(any(), anyList()))
                .thenThrow(new BadSqlGrammarException("sell", "SELECT", new java.sql.SQLException("broken")));
        assertThat(statusOf(request)).isEqualTo(Status.Code.INTERNAL);
    }

    private Status.Code statusOf(SellRequest sell) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        List<SellResponse> answers = new java.util.ArrayList<>();
        service.sell(sell, new StreamObserver<>() {
            @Override
            public void onNext(SellResponse value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable failure) {
                error.set(failure);
            }

            @Override
            public void onCompleted() {}
        });
        assertThat(answers).as("no business outcome").isEmpty();
        return Status.fromThrowable(error.get()).getCode();
    }
}
