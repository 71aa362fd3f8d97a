package dev.orderplatform.inventory.stock;

import dev.orderplatform.inventory.Timestamps;
import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.problem.ErrorCodes;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Administration of stock levels, shared by the HTTP and gRPC APIs. Deduction and return live in the sell feature. */
@Service
public class StockService {

    /**
     * The most units of one goods: its stock plus the units of its orders that may still come back (DEDUCTED sell
     * records). Sells and returns only move units between the two, and every set is bounded by it, so no return can
     * lift the stock above it; it is far below the INT column's 2^31 - 1, and the audit's sums stay in range too.
     */
    public static final int MAX_STOCK = 1_000_000_000;

    private final StockRepository stocks;
    private final JdbcTemplate jdbc;

    public StockService(StockRepository stocks, JdbcTemplate jdbc) {
        this.stocks = stocks;
        this.jdbc = jdbc;
    }

    /**
     * Creates the goods' stock row or overwrites its level. An absolute set: racing Sells that committed before it
     * are overwritten, which is what an operator restocking means. Refused (STOCK_LIMIT_EXCEEDED) when the stock plus
     * the units that may still be returned would exceed {@link #MAX_STOCK}.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Stock set(long goodsId, int stock) {
        requireGoodsId(goodsId);
        if (stock < 0) {
            throw ApiProblem.badRequest(ErrorCodes.VALIDATION_FAILED, "stock must not be negative, was " + stock);
        }
        if (stock > MAX_STOCK) {
            throw limitExceeded(stock, 0);
        }
        // Lock the row before counting what may come back: a Sell or return of this goods that is changing the stock
        // commits first, and later ones only move units between the stock and the count, so the bound holds.
        jdbc.queryForList("SELECT stock FROM stock WHERE goods_id = ? FOR UPDATE", Integer.class, goodsId);
        long mayComeBack = jdbc.queryForObject(
                "SELECT COALESCE(SUM(i.quantity), 0) FROM sell_record_item i "
                        + "JOIN sell_record r ON r.order_sn = i.order_sn WHERE i.goods_id = ? AND r.status = 'DEDUCTED'",
                Long.class,
                goodsId);
        if (stock + mayComeBack > MAX_STOCK) {
            throw limitExceeded(stock, mayComeBack);
        }
        var now = Timestamps.now();
        jdbc.update(
                "INSERT INTO stock (goods_id, stock, updated_at) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE stock = ?, updated_at = ?",
                goodsId,
                stock,
                Timestamps.sql(now),
                stock,
                Timestamps.sql(now));
        return new Stock(goodsId, stock, now);
    }

    @Transactional(readOnly = true)
    public Stock get(long goodsId) {
        requireGoodsId(goodsId);
        return stocks.findById(goodsId)
                .orElseThrow(() -> ApiProblem.notFound(StockErrors.STOCK_NOT_FOUND, "No stock for goods " + goodsId));
    }

    private static ApiProblem limitExceeded(int stock, long mayComeBack) {
        return new ApiProblem(
                HttpStatus.BAD_REQUEST,
                StockErrors.STOCK_LIMIT_EXCEEDED,
                "stock " + stock
                        + (mayComeBack > 0
                                ? " plus the " + mayComeBack + " units of orders that may still be returned"
                                : "")
                        + " exceeds the maximum of " + MAX_STOCK,
                Map.of("maxStock", MAX_STOCK, "mayComeBack", mayComeBack));
    }

    private static void requireGoodsId(long goodsId) {
        if (goodsId < 1) {
            throw ApiProblem.badRequest(ErrorCodes.VALIDATION_FAILED, "goods id must be positive, was " + goodsId);
        }
    }
}
