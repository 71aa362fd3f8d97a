package dev.orderplatform.inventory.stock;

import dev.orderplatform.web.openapi.AdminEndpoint;
import dev.orderplatform.web.openapi.ProblemResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administration of stock levels (ADMIN only). */
@RestController
@AdminEndpoint
@RequestMapping(path = "/api/v1/stocks", produces = MediaType.APPLICATION_JSON_VALUE)
class StockController {

    private final StockService stocks;

    StockController(StockService stocks) {
        this.stocks = stocks;
    }

    @GetMapping("/{goodsId}")
    @ProblemResponse(status = 404, codes = StockErrors.STOCK_NOT_FOUND, description = "No stock row for this goods.")
    StockView get(@PathVariable long goodsId) {
        return StockView.of(stocks.get(goodsId));
    }

    /** Creates or overwrites the stock level of a goods. */
    @PutMapping("/{goodsId}")
    @ProblemResponse(
            status = 400,
            codes = StockErrors.STOCK_LIMIT_EXCEEDED,
            description =
                    "The stock plus the units that may still be returned would exceed " + StockService.MAX_STOCK + ".")
    StockView set(@PathVariable long goodsId, @Valid @RequestBody StockUpdate update) {
        return StockView.of(stocks.set(goodsId, update.stock()));
    }

    record StockUpdate(@NotNull @PositiveOrZero Integer stock) {}

    record StockView(long goodsId, int stock, Instant updatedAt) {

        static StockView of(Stock stock) {
            return new StockView(stock.goodsId(), stock.stock(), stock.updatedAt());
        }
    }
}
