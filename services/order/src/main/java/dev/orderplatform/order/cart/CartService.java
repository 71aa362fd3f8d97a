package dev.orderplatform.order.cart;

import dev.orderplatform.contracts.goods.v1.Goods;
import dev.orderplatform.order.OrderProperties;
import dev.orderplatform.order.order.OrderErrorCodes;
import dev.orderplatform.web.problem.ApiProblem;
import io.grpc.StatusRuntimeException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A user's cart: the goods are checked against the catalogue when added, and shown with their names and prices, both
 * as {@link CartCatalogue} last read them (at most {@code orderplatform.order.cart-catalogue-ttl} ago).
 */
@Service
public class CartService {

    private static final Logger log = LoggerFactory.getLogger(CartService.class);

    private final CartRepository carts;
    private final CartCatalogue catalogue;
    private final OrderProperties properties;

    CartService(CartRepository carts, CartCatalogue catalogue, OrderProperties properties) {
        this.carts = carts;
        this.catalogue = catalogue;
        this.properties = properties;
    }

    /** Adds a goods with a quantity, or changes the quantity of one already in the cart; true when it is new. */
    public boolean put(String userId, long goodsId, int quantity, Boolean selected) {
        Goods found;
        try {
            found = catalogue.get(List.of(goodsId)).get(goodsId);
        } catch (StatusRuntimeException e) {
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    OrderErrorCodes.DEPENDENCY_UNAVAILABLE,
                    "The catalogue is unavailable; try again later.");
        }
        if (found == null || !found.getOnSale()) {
            throw ApiProblem.notFound(OrderErrorCodes.GOODS_NOT_FOUND, "No goods " + goodsId + " on sale.");
        }
        // One read for the limit and for whether the goods is already in (then its quantity may always be set). Not
        // atomic with the write, as the count before it was not: concurrent adds of distinct new goods by one user
        // that all see the last free slot all insert, and the cart then holds more than the limit.
        List<CartItem> items = carts.items(userId);
        if (items.size() >= properties.maxCartItems() && items.stream().noneMatch(item -> item.goodsId() == goodsId)) {
            throw ApiProblem.conflict(
                    OrderErrorCodes.CART_FULL, "A cart holds at most " + properties.maxCartItems() + " goods.");
        }
        return carts.put(userId, goodsId, quantity, selected);
    }

    public void update(String userId, long goodsId, Integer quantity, Boolean selected) {
        if (!carts.update(userId, goodsId, quantity, selected)) {
            throw notInCart(goodsId);
        }
    }

    public void delete(String userId, long goodsId) {
        if (!carts.delete(userId, goodsId)) {
            throw notInCart(goodsId);
        }
    }

    /** The cart with the catalogue's names and prices; without them when the catalogue is unavailable. */
    public CartView view(String userId) {
        List<CartItem> items = carts.items(userId);
        Map<Long, Goods> details = Map.of();
        if (!items.isEmpty()) {
            try {
                details = catalogue.get(items.stream().map(CartItem::goodsId).toList());
            } catch (StatusRuntimeException e) {
                log.warn("Catalogue unavailable, cart of {} shown without prices: {}", userId, e.getStatus());
            }
        }
        BigDecimal selectedTotal = BigDecimal.ZERO.setScale(2);
        List<CartView.Line> lines = new java.util.ArrayList<>();
        for (CartItem item : items) {
            Goods g = details.get(item.goodsId());
            BigDecimal price = g == null ? null : new BigDecimal(g.getPrice());
            if (price != null && item.selected()) {
                selectedTotal = selectedTotal.add(price.multiply(BigDecimal.valueOf(item.quantity())));
            }
            lines.add(new CartView.Line(
                    item.goodsId(),
                    g == null ? null : g.getName(),
                    price,
                    g == null ? null : g.getImageUrl(),
                    g != null && g.getOnSale(),
                    item.quantity(),
                    item.selected()));
        }
        return new CartView(lines, selectedTotal);
    }

    private static ApiProblem notInCart(long goodsId) {
        return ApiProblem.notFound(OrderErrorCodes.CART_ITEM_NOT_FOUND, "Goods " + goodsId + " is not in the cart.");
    }
}
