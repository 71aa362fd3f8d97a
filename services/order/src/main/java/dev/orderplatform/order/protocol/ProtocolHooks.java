package dev.orderplatform.order.protocol;

/**
 * Points inside the protocol's windows of vulnerability, for fault-injection tests (a test declares a bean of this
 * type to block there, or to kill the producer there). The application itself declares none: {@link #NONE}.
 */
public interface ProtocolHooks {

    ProtocolHooks NONE = new ProtocolHooks() {};

    /**
     * Double-submit window: the order's cart items are read, its half message is not sent (nothing deducted); another
     * creation from the same cart may run meanwhile.
     */
    default void beforeHalfMessage(String userId, String orderSn) {}

    /** A1 window: the stock of {@code orderSn} is deducted, the local transaction has not started. */
    default void afterSell(String userId, String orderSn) {}

    /** A3 window: the local transaction holds the fence row of {@code orderSn} and has not committed. */
    default void afterFence(String userId, String orderSn) {}

    /**
     * Item 13: the order {@code orderSn} is stored and its timeout (timer) message is about to be sent, on the
     * producer's timer thread (the order's creation does not wait for it).
     */
    default void beforeTimer(String userId, String orderSn) {}

    /** A8 window: the close of {@code orderSn} is updated but not committed (its return's half message is stored). */
    default void insideClose(String orderSn) {}

    /** A8 window: the close of {@code orderSn} is committed, the broker has not been told to deliver the return. */
    default void afterClose(String orderSn) {}
}
