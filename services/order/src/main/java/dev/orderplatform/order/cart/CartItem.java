package dev.orderplatform.order.cart;

/** One goods in a user's cart; the selected items are what the next order is made of. */
public record CartItem(String userId, long goodsId, int quantity, boolean selected) {}
