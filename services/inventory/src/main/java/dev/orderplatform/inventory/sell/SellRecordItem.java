package dev.orderplatform.inventory.sell;

import org.springframework.data.relational.core.mapping.Table;

/** Quantity of one goods in an order, as deducted (and, once returned, given back). */
@Table("sell_record_item")
public record SellRecordItem(long goodsId, int quantity) {}
