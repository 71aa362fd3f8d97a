package dev.orderplatform.order.cart;

import java.math.BigDecimal;
import java.util.List;

/**
 * The cart as the API shows it; {@code selectedTotal} is what an order of the selected items would cost at the prices
 * shown. Those may be a few seconds old (the cart's {@code RecentCatalogue}); an order is priced when created, by a copy
 * of the catalogue at most {@code orderplatform.order.creation-catalogue-ttl} old.
 */
public record CartView(List<Line> items, BigDecimal selectedTotal) {

    public record Line(
            long goodsId,
            String name,
            BigDecimal price,
            String imageUrl,
            boolean onSale,
            int quantity,
            boolean selected) {}
}
