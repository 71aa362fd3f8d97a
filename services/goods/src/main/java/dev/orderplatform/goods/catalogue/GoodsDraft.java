package dev.orderplatform.goods.catalogue;

/**
 * What a client asks a product to be, as received (HTTP or gRPC), not yet validated. Create and update take the
 * whole product (update replaces every field).
 *
 * @param price the price as decimal text, e.g. {@code "12.50"}, exactly as the client sent it
 * @param imageUrl optional; blank means none
 */
public record GoodsDraft(String name, String price, String imageUrl, boolean onSale) {}
