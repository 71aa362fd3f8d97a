package dev.orderplatform.order.protocol;

import dev.orderplatform.order.database.ProtocolTransactions;
import dev.orderplatform.order.order.Order;
import dev.orderplatform.web.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BENCHMARKS ONLY ({@code orderplatform.protocol.mode=baseline}): the no-consistency baseline the load suite compares
 * the protocol with, so that the cost of consistency is a ratio. Creation is {@link CreationSteps} and nothing else:
 * BatchGetGoods, Sell, and the local transaction (order, lines, cart). No half message, no fence row, no timeout
 * message; no timeout consumer and no reconciliation run in this mode. Payment is unchanged.
 *
 * <p>It breaks the stock guarantees on purpose: a Sell with an unknown outcome, or a local transaction that fails
 * after the deduction, leaves the stock deducted with no order (A1, A2); unpaid orders are never closed.
 */
class BaselineProtocol implements OrderProtocol {

    private static final Logger log = LoggerFactory.getLogger(BaselineProtocol.class);

    private final CreationSteps steps;
    private final ProtocolTransactions transactions;
    private final ProtocolMetrics metrics;

    BaselineProtocol(CreationSteps steps, ProtocolTransactions transactions, ProtocolMetrics metrics) {
        this.steps = steps;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    @Override
    public Order create(NewOrder request) {
        String orderSn = steps.newOrderSn();
        Order order;
        try {
            CreationSteps.Priced priced = steps.price(request);
            steps.deduct(orderSn, request);
            order = steps.newOrder(orderSn, request, priced);
        } catch (CreationSteps.Stop stop) {
            metrics.orderFailed(stop.reason);
            if (stop.maybeDeducted) {
                log.warn(
                        "Baseline: Sell of order {} has an unknown outcome ({}); its stock is NOT returned",
                        orderSn,
                        stop.getMessage());
                throw notReturned(stop.problem);
            }
            throw stop.problem;
        }
        try {
            transactions.executeWithoutResult(tx -> steps.store(order, request));
        } catch (CreationSteps.Stop stop) {
            metrics.orderFailed(stop.reason);
            log.warn("Baseline: order {} not stored ({}); its stock is NOT returned", orderSn, stop.reason);
            throw notReturned(stop.problem);
        } catch (RuntimeException e) {
            metrics.orderFailed("local_failure");
            log.warn("Baseline: order {} not stored after its deduction; its stock is NOT returned", orderSn, e);
            throw notReturned(CreationSteps.notCreated(orderSn));
        }
        metrics.orderCreated();
        return order;
    }

    /** No timeout messages are sent in this mode and nothing consumes them. */
    @Override
    public CloseResult closeIfUnpaid(String orderSn) {
        throw new UnsupportedOperationException("protocol mode baseline: orders are never closed by a timeout");
    }

    /** The reconciliation does not run in this mode. */
    @Override
    public boolean repair(String orderSn) {
        throw new UnsupportedOperationException("protocol mode baseline: no reconciliation");
    }

    /** The same status, code and properties, but the truth about the stock: this mode returns none. */
    private static ApiProblem notReturned(ApiProblem problem) {
        return new ApiProblem(
                problem.status(),
                problem.code(),
                "No order was created; any deducted stock is NOT "
                        + "returned (protocol mode baseline, for benchmarks only).",
                problem.properties());
    }
}
