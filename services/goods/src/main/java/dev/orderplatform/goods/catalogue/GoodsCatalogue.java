package dev.orderplatform.goods.catalogue;

import dev.orderplatform.web.paging.PageWindow;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue's use cases, shared by the HTTP controller and the gRPC service: one set of rules
 * ({@link GoodsRules}), one set of failures ({@link InvalidGoodsException}, {@link GoodsNotFoundException}).
 */
@Service
public class GoodsCatalogue {

    public static final int MAX_PAGE_SIZE = 100;
    /** Ids one BatchGetGoods may ask for: an order's distinct goods, with room to spare. */
    public static final int MAX_BATCH_SIZE = 1000;

    private final GoodsRepository goods;
    private final Clock clock = Clock.systemUTC();

    GoodsCatalogue(GoodsRepository goods) {
        this.goods = goods;
    }

    public Goods get(long id) {
        return goods.findById(id).orElseThrow(() -> new GoodsNotFoundException(id));
    }

    /** The goods that exist among {@code ids}, in the order first asked for, each once; unknown ids are absent. */
    public List<Goods> getAll(Collection<Long> ids) {
        LinkedHashSet<Long> distinct = new LinkedHashSet<>(ids);
        if (distinct.size() > MAX_BATCH_SIZE) {
            throw InvalidGoodsException.of("ids", "must hold at most " + MAX_BATCH_SIZE + " distinct ids");
        }
        if (distinct.isEmpty()) {
            return List.of();
        }
        Map<Long, Goods> found =
                goods.findAllById(distinct).stream().collect(Collectors.toMap(Goods::id, Function.identity()));
        return distinct.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** One page of the catalogue in id order, so that pages are stable while goods are added. */
    @Transactional(readOnly = true)
    public Page<Goods> list(PageWindow window) {
        return goods.findAll(PageRequest.of(window.page(), window.size(), Sort.by(Sort.Direction.ASC, "id")));
    }

    @Transactional
    public Goods create(GoodsDraft draft) {
        ValidGoods valid = GoodsRules.validate(draft);
        return goods.save(Goods.create(valid, now()));
    }

    /** Replaces every field of goods {@code id}. */
    @Transactional
    public Goods update(long id, GoodsDraft draft) {
        ValidGoods valid = GoodsRules.validate(draft);
        Goods current = get(id);
        return goods.save(current.revisedBy(valid, now()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // DATETIME(6)
    }
}
