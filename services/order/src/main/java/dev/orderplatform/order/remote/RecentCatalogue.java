package dev.orderplatform.order.remote;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.orderplatform.contracts.goods.v1.Goods;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The catalogue as read a moment ago: goods read from the goods service are kept for a TTL (0: not kept), so that a
 * goods asked for again within it costs no BatchGetGoods. Goods the catalogue does not have are never kept: a new
 * goods can be used at once. Two copies (see {@link RemoteServicesConfiguration}): the cart's, which it shows, and order
 * creation's, which prices orders; a change of price or of the on-sale flag reaches each within its TTL.
 */
public class RecentCatalogue {

    /** Distinct goods kept; the carts active at one time hold far fewer. */
    static final int MAX_GOODS = 10_000;

    /** BatchGetGoods: the goods that exist among the ids, by id. */
    private final Function<Collection<Long>, Map<Long, Goods>> batchGet;
    /** Null when nothing is kept (a TTL of 0). */
    private final @Nullable Cache<Long, Goods> recent;

    RecentCatalogue(GoodsGateway goods, Duration ttl) {
        this(goods::batchGet, ttl, Ticker.systemTicker());
    }

    RecentCatalogue(Function<Collection<Long>, Map<Long, Goods>> batchGet, Duration ttl, Ticker ticker) {
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
    public Map<Long, Goods> get(Collection<Long> ids) {
        if (recent == null) {
            return batchGet.apply(ids);
        }
        // Ids the batch does not answer are absent from the result and not kept.
        return recent.getAll(ids, missing -> batchGet.apply(Set.copyOf(missing)));
    }
}
