package dev.orderplatform.goods.catalogue;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One product of the catalogue: the aggregate root stored in table {@code goods}.
 *
 * @param price exact money, scale 2 (DECIMAL(12,2)); never a float
 */
@Table("goods")
public record Goods(
        @Id Long id,
        String name,
        BigDecimal price,
        String imageUrl,
        boolean onSale,
        Instant createdAt,
        Instant updatedAt) {

    Goods revisedBy(ValidGoods valid, Instant now) {
        return new Goods(id, valid.name(), valid.price(), valid.imageUrl(), valid.onSale(), createdAt, now);
    }

    static Goods create(ValidGoods valid, Instant now) {
        return new Goods(null, valid.name(), valid.price(), valid.imageUrl(), valid.onSale(), now, now);
    }

    /** The price as the platform writes money on the wire: a plain decimal string with two fraction digits. */
    public String priceText() {
        return Prices.format(price);
    }
}
