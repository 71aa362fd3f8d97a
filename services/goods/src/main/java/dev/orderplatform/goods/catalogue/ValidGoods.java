package dev.orderplatform.goods.catalogue;

import java.math.BigDecimal;

/** A {@link GoodsDraft} that passed {@link GoodsRules}: trimmed name, price at scale 2, image URL or null. */
record ValidGoods(String name, BigDecimal price, String imageUrl, boolean onSale) {}
