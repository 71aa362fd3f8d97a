package dev.orderplatform.order.protocol;

import dev.orderplatform.order.idempotency.IdempotencyKey;
import java.util.Map;

/**
 * What a user orders: the quantities per goods (the selected cart items) and where it goes.
 *
 * @param quantities     goods id -> quantity, at least one, as read from the cart
 * @param idempotencyKey the request's key, completed in the order's local transaction; null without one
 */
public record NewOrder(
        String userId,
        Map<Long, Integer> quantities,
        String address,
        String signerName,
        String signerMobile,
        IdempotencyKey idempotencyKey) {

    public NewOrder {
        quantities = Map.copyOf(quantities);
    }
}
