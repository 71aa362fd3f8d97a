package dev.orderplatform.order.cart;

import dev.orderplatform.contracts.goods.v1.Goods;
import dev.orderplatform.order.OrderProperties;
import dev.orderplatform.order.order.OrderErrorCodes;
import dev.orderplatform.order.remote.RecentCatalogue;
import dev.orderplatform.web.problem.ApiProblem;
import io.grpc.StatusRuntimeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A user's cart: the goods are checked against the catalogue when added, and shown with their names and prices, both
 * as the cart's {@link RecentCatalogue} last read them (at most {@code orderplatform.order.cart-catalogue-ttl} ago).
 */
@Service
public class CartService {

    private static final Logger log = LoggerFactory.getLogger(CartService.class);

    private final CartRepository carts;
    private final RecentCatalogue catalogue;
    private final OrderProperties properties;

    CartService(
            CartRepository carts, @Qualifier("cartCatalogue") RecentCatalogue catalogue, OrderProperties properties) {
        this.carts = carts;
        this.catalogue = catalogue;
        this.properties = properties;
    }

    /** What an add did: whether the goods is new in the cart, and the cart after it. */
    public record Added(boolean created, List<CartItem> items) {}

    /** Adds a goods with a quantity, or changes the quantity of one already in the cart. */
    public Added put(String userId, long goodsId, int quantity, Boolean selected) {
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
        boolean created = carts.put(userId, goodsId, quantity, selected);
        return new Added(created, afterPut(items, userId, goodsId, quantity, selected));
    }

    /**
     * The cart as {@link CartRepository#put} leaves it, from the read before it rather than a second one: the quantity
     * set, the selection kept unless given, a new goods last (its creation time is the latest).
     */
    static List<CartItem> afterPut(List<CartItem> before, String userId, long goodsId, int quantity, Boolean selected) {
        List<CartItem> after = new ArrayList<>(before.size() + 1);
        boolean found = false;
        for (CartItem item : before) {
            if (item.goodsId() == goodsId) {
                after.add(new CartItem(userId, goodsId, quantity, selected == null ? item.selected() : selected));
                found = true;
            } else {
                after.add(item);
            }
        }
        if (!found) {
            after.add(new CartItem(userId, goodsId, quantity, selected == null || selected));
        }
        return after;
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
        return view(carts.items(userId));
    }

    /** These items of a cart with the catalogue's names and prices, as {@link #view(String)}. */
    public CartView view(List<CartItem> items) {
        Map<Long, Goods> details = Map.of();
        if (!items.isEmpty()) {
            try {
                details = catalogue.get(items.stream().map(CartItem::goodsId).toList());
            } catch (StatusRuntimeException e) {
                log.warn("Catalogue unavailable, cart shown without prices: {}", e.getStatus());
            }
        }
        BigDecimal selectedTotal = BigDecimal.ZERO.setScale(2);
        List<CartView.Line> lines = new ArrayList<>();
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
