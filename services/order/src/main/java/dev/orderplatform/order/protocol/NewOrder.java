package dev.orderplatform.order.protocol;

import java.util.Map;

/**
 * What a user orders: the quantities per goods (the selected cart items) and where it goes.
 *
 * @param quantities goods id -> quantity, at least one
 */
public record NewOrder(String userId, Map<Long, Integer> quantities, String address, String signerName,
        String signerMobile) {

    public NewOrder {
        quantities = Map.copyOf(quantities);
    }
}
