package dev.orderplatform.contracts;

/**
 * Topic and consumer-group names: a contract between the services and the operator, which creates
 * the topics with these message types (see docs/protocol.md).
 */
public final class Topics {

    /** Transactional topic: each message asks the inventory service to return one order's stock. */
    public static final String ORDER_REBACK = "order_reback";

    /** Delayed (timer) topic: each message asks the order service to close one order if it is unpaid. */
    public static final String ORDER_TIMEOUT = "order_timeout";

    /** Consumer group of {@link #ORDER_REBACK} in the inventory service. */
    public static final String INVENTORY_REBACK_GROUP = "inventory-reback";

    /** Consumer group of {@link #ORDER_TIMEOUT} in the order service. */
    public static final String ORDER_TIMEOUT_GROUP = "order-timeout";

    /** The order service's one long-lived transactional producer group (A9): check-backs find it after a restart. */
    public static final String ORDER_PRODUCER_GROUP = "order-tx-producer";

    private Topics() {}
}
