package dev.orderplatform.loadtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The goods a run creates, with their initial stock: a few hot goods with little stock (they sell out during the run,
 * so that some orders are refused for insufficient stock) and plenty of goods with ample stock.
 */
final class Catalogue {

    /** One line of a cart. */
    record CartLine(long goodsId, int quantity) {}

    private final List<Long> hot;
    private final List<Long> cold;
    private final Map<Long, Integer> initialStock;

    private Catalogue(List<Long> hot, List<Long> cold, Map<Long, Integer> initialStock) {
        this.hot = List.copyOf(hot);
        this.cold = List.copyOf(cold);
        this.initialStock = Collections.unmodifiableMap(new LinkedHashMap<>(initialStock));
    }

    /** Creates the goods and sets their stock through the admin APIs, then reads the stock back as the baseline. */
    static Catalogue create(PlatformApi api, LoadSettings settings, String runId) {
        List<Long> hot = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        Map<Long, Integer> initial = new LinkedHashMap<>();
        for (int i = 0; i < settings.hotGoods() + settings.coldGoods(); i++) {
            boolean isHot = i < settings.hotGoods();
            String name =
                    String.format(Locale.ROOT, "%s %s %d", isHot ? "Hot limited item" : "Everyday item", runId, i);
            String price = String.format(Locale.ROOT, "%d.%02d", 5 + i * 3, (i * 37) % 100);
            long id = api.createGoods(name, price);
            api.setStock(id, isHot ? settings.hotStock() : settings.coldStock());
            (isHot ? hot : cold).add(id);
        }
        for (long id : hot) {
            initial.put(id, api.stock(id));
        }
        for (long id : cold) {
            initial.put(id, api.stock(id));
        }
        return new Catalogue(hot, cold, initial);
    }

    Map<Long, Integer> initialStock() {
        return initialStock;
    }

    /** Goods with ample stock (never sold out by a run). */
    List<Long> ampleGoods() {
        return cold;
    }

    Set<Long> goodsIds() {
        return initialStock.keySet();
    }

    /** A cart of 1-3 distinct goods, each quantity 1-2; a hot goods is in about a third of the carts. */
    List<CartLine> randomCart() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int lines = 1 + random.nextInt(3);
        Set<Long> chosen = new LinkedHashSet<>();
        if (!hot.isEmpty() && random.nextInt(3) == 0) {
            chosen.add(hot.get(random.nextInt(hot.size())));
        }
        boolean fromCold = !cold.isEmpty();
        List<Long> pool = fromCold ? cold : hot;
        while (chosen.size() < Math.min(lines, hot.size() + cold.size())) {
            chosen.add(pool.get(random.nextInt(pool.size())));
            if (chosen.size() >= pool.size() && fromCold) {
                break;
            }
        }
        List<CartLine> cart = new ArrayList<>();
        for (long id : chosen) {
            cart.add(new CartLine(id, 1 + random.nextInt(2)));
        }
        return cart;
    }
}
