package dev.orderplatform.order.order;

/** Stable error codes of the order API (besides the platform's own in {@code ErrorCodes}). */
public final class OrderErrorCodes {

    /** No selected cart items to order. 400. */
    public static final String CART_EMPTY = "CART_EMPTY";
    /** A goods of the cart is unknown, off sale, or has no stock row. 409; {@code goodsIds} names them. */
    public static final String GOODS_UNAVAILABLE = "GOODS_UNAVAILABLE";
    /** A goods of the cart is short of stock: nothing was deducted. 409; {@code goodsIds} names them. */
    public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";
    /**
     * The outcome of the order could not be learnt; {@code orderSn} names it and the detail says what is known. Either
     * deducting the stock had an unknown outcome (A2: no order was created, any deduction is being returned), or the
     * order's own transaction failed and its database could not tell whether it committed: then the order may exist
     * (look it up by its number); if it does not, its stock is returned. 503; a retry is a new order.
     */
    public static final String ORDER_OUTCOME_UNKNOWN = "ORDER_OUTCOME_UNKNOWN";
    /**
     * The order could not be stored after its stock was deducted, and it is certain that it does not exist: no order,
     * the stock is being returned. 503.
     */
    public static final String ORDER_NOT_CREATED = "ORDER_NOT_CREATED";
    /** The goods or inventory service, or the broker, is unavailable before anything was deducted. 503. */
    public static final String DEPENDENCY_UNAVAILABLE = "DEPENDENCY_UNAVAILABLE";
    /** No such order of this user (another user's order is "not found" too). 404. */
    public static final String ORDER_NOT_FOUND = "ORDER_NOT_FOUND";
    /** The order was closed by the timeout: it can no longer be paid. 409. */
    public static final String ORDER_CLOSED = "ORDER_CLOSED";
    /**
     * The order's payment deadline has passed: it can no longer be paid, and it is being closed (its stock returned).
     * 409; {@code payDeadline} says when it was.
     */
    public static final String ORDER_PAYMENT_DEADLINE_PASSED = "ORDER_PAYMENT_DEADLINE_PASSED";
    /** No such goods in the catalogue, or it is off sale (cart). 404. */
    public static final String GOODS_NOT_FOUND = "GOODS_NOT_FOUND";
    /** No such item in the cart. 404. */
    public static final String CART_ITEM_NOT_FOUND = "CART_ITEM_NOT_FOUND";
    /** The cart already holds the most distinct goods allowed. 409. */
    public static final String CART_FULL = "CART_FULL";
    /**
     * The cart items of this order were ordered or changed by another request meanwhile (a double submit): no order
     * was created, any deducted stock is being returned. 409.
     */
    public static final String CART_CHANGED = "CART_CHANGED";
    /** The order's total is larger than an order can hold: nothing was deducted. 422; {@code maxTotal} says the most. */
    public static final String ORDER_TOTAL_TOO_LARGE = "ORDER_TOTAL_TOO_LARGE";
    /** The {@code Idempotency-Key} header is empty, too long or has characters a key may not have. 400. */
    public static final String IDEMPOTENCY_KEY_INVALID = "IDEMPOTENCY_KEY_INVALID";
    /** The {@code Idempotency-Key} was used by this user for a request with another body. 422. */
    public static final String IDEMPOTENCY_KEY_MISMATCH = "IDEMPOTENCY_KEY_MISMATCH";
    /** The first request with this {@code Idempotency-Key} is still being processed. 409; retry later. */
    public static final String IDEMPOTENCY_KEY_IN_PROGRESS = "IDEMPOTENCY_KEY_IN_PROGRESS";

    private OrderErrorCodes() {}
}
