package dev.orderplatform.order.order;

import java.math.BigDecimal;

/** One goods of an order, with its name and price at the time of ordering. */
public record OrderLine(long goodsId, String goodsName, BigDecimal price, int quantity) {}
