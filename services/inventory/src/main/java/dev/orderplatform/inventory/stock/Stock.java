package dev.orderplatform.inventory.stock;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** The stock of one goods. Written only by conditional SQL (see {@link StockService} and the sell feature). */
@Table("stock")
public record Stock(@Id Long goodsId, int stock, Instant updatedAt) {}
