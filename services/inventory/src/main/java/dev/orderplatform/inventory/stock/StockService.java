package dev.orderplatform.inventory.stock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderplatform.inventory.Timestamps;
import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.problem.ErrorCodes;

/** Administration of stock levels, shared by the HTTP and gRPC APIs. Deduction and return live in the sell feature. */
@Service
public class StockService {

    private final StockRepository stocks;
    private final JdbcTemplate jdbc;

    public StockService(StockRepository stocks, JdbcTemplate jdbc) {
        this.stocks = stocks;
        this.jdbc = jdbc;
    }

    /**
     * Creates the goods' stock row or overwrites its level. An absolute set: racing Sells that committed before it
     * are overwritten, which is what an operator restocking means.
     */
    @Transactional
    public Stock set(long goodsId, int stock) {
        requireGoodsId(goodsId);
        if (stock < 0) {
            throw ApiProblem.badRequest(ErrorCodes.VALIDATION_FAILED, "stock must not be negative, was " + stock);
        }
        var now = Timestamps.now();
        jdbc.update("INSERT INTO stock (goods_id, stock, updated_at) VALUES (?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE stock = ?, updated_at = ?",
                goodsId, stock, Timestamps.sql(now), stock, Timestamps.sql(now));
        return new Stock(goodsId, stock, now);
    }

    @Transactional(readOnly = true)
    public Stock get(long goodsId) {
        requireGoodsId(goodsId);
        return stocks.findById(goodsId).orElseThrow(() -> ApiProblem.notFound(StockErrors.STOCK_NOT_FOUND,
                "No stock for goods " + goodsId));
    }

    private static void requireGoodsId(long goodsId) {
        if (goodsId < 1) {
            throw ApiProblem.badRequest(ErrorCodes.VALIDATION_FAILED, "goods id must be positive, was " + goodsId);
        }
    }
}
