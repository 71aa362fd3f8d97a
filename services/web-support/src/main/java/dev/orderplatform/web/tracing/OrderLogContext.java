package dev.orderplatform.web.tracing;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The order number in the logging context (MDC key {@value #ORDER_SN}), next to the trace and span ids that tracing
 * puts there: structured (JSON) logs carry all three on every line written for an order, in every service.
 */
public final class OrderLogContext {

    public static final String ORDER_SN = "orderSn";

    private OrderLogContext() {}

    /** The order number in the context until the returned scope is closed (nothing for a blank number). */
    public static Scope scoped(@Nullable String orderSn) {
        if (orderSn == null || orderSn.isBlank()) {
            return () -> {};
        }
        MDC.put(ORDER_SN, orderSn);
        return () -> MDC.remove(ORDER_SN);
    }

    /**
     * The order number in the context for the rest of the current HTTP request (an order created by this request:
     * its number is known only half-way through). {@link OrderLogContextFilter} removes it when the request ends.
     */
    public static void putForRequest(String orderSn) {
        MDC.put(ORDER_SN, orderSn);
    }

    /** A try-with-resources handle that throws nothing. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
