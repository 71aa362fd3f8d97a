package dev.orderplatform.order.protocol;

import dev.orderplatform.order.order.Order;

/**
 * How orders and stock are kept consistent. {@link ReliableMessageProtocol} is the product's protocol
 * (docs/protocol.md); a deliberately inconsistent baseline for comparisons can implement this interface too.
 */
public interface OrderProtocol {

    /**
     * Deducts the stock of a new order and stores the order, or leaves no order and (eventually) no deduction.
     *
     * @return the created order, waiting for payment
     * @throws dev.orderplatform.web.problem.ApiProblem when no order was created, or when that is not known yet
     *         ({@code ORDER_OUTCOME_UNKNOWN} with the order number), with a stable code
     */
    Order create(NewOrder order);

    /** Closes an order that is still unpaid and returns its stock; called when its timeout is due. */
    CloseResult closeIfUnpaid(String orderSn);

    /**
     * Reconciliation (A11): returns the stock of an order that holds a deduction but is not live (absent or
     * closed), under the same decision rule as every other return.
     *
     * @return true when a return was emitted
     */
    boolean repair(String orderSn);

    enum CloseResult {
        /** This call closed the order; its stock return is committed. */
        CLOSED,
        /** Nothing to do: the order is paid or already closed. */
        NOT_WAITING,
        /** Nothing to do: no such order (its creation never committed). */
        ABSENT,
        /** Could not decide now (database or broker trouble): try again later. */
        RETRY
    }
}
