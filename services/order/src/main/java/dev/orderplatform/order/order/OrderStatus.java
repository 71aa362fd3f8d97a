package dev.orderplatform.order.order;

/** An order's status. It leaves {@link #WAIT_BUYER_PAY} once, by compare-and-set, to exactly one of the others (A7). */
public enum OrderStatus {
    /** Created, stock deducted, waiting for payment until the timeout. Live: it keeps its stock. */
    WAIT_BUYER_PAY,
    /** Paid. Live: it keeps its stock for good. */
    TRADE_SUCCESS,
    /** Closed by the timeout: its stock is returned. */
    TRADE_CLOSED;

    /** Whether an order in this status keeps its deducted stock (the decision rule's "keep"). */
    public boolean isLive() {
        return this != TRADE_CLOSED;
    }
}
