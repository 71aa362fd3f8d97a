package dev.orderplatform.order.cart;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.orderplatform.contracts.goods.v1.Goods;
import dev.orderplatform.order.OrderProperties;
import dev.orderplatform.order.remote.GoodsGateway;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The catalogue as the cart sees it: goods read from the goods service are kept for
 * {@code orderplatform.order.cart-catalogue-ttl} (0: not kept), so that adding to the cart and showing it cost one
 * BatchGetGoods for the goods not seen lately rather than a call each. Goods the catalogue does not have are never
 * kept: a new goods can be added at once.
 *
 * <p>The cart only: what it shows may be that much out of date (price, name, on sale). Order creation reads the
 * catalogue itself, every time ({@code protocol.CreationSteps}); this class is package-private so that nothing else
 * can use it.
 */
@Component
class CartCatalogue {

    /** Distinct goods kept; the carts active at one time hold far fewer. */
    static final int MAX_GOODS = 10_000;

    /** BatchGetGoods: the goods that exist among the ids, by id. */
    private final Function<Collection<Long>, Map<Long, Goods>> batchGet;
    /** Null when nothing is kept (a TTL of 0). */
    private final @Nullable Cache<Long, Goods> recent;

    @Autowired
    CartCatalogue(GoodsGateway goods, OrderProperties properties) {
        this(goods::batchGet, properties.cartCatalogueTtl(), Ticker.systemTicker());
    }

    CartCatalogue(Function<Collection<Long>, Map<Long, Goods>> batchGet, Duration ttl, Ticker ticker) {
        this.batchGet = batchGet;
        this.recent = ttl.isZero()
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(MAX_GOODS)
                        .expireAfterWrite(ttl)
                        .ticker(ticker)
                        .build();
    }

    /**
     * The goods that exist among {@code ids}, by id: those kept, and the others from one BatchGetGoods.
     *
     * @throws StatusRuntimeException when the goods service could not answer for the goods not kept
     */
    Map<Long, Goods> get(Collection<Long> ids) {
        if (recent == null) {
            return batchGet.apply(ids);
        }
        // Ids the batch does not answer are absent from the result and not kept.
        return recent.getAll(ids, missing -> batchGet.apply(Set.copyOf(missing)));
    }
}
