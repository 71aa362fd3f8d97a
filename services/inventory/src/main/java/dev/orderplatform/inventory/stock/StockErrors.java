package dev.orderplatform.inventory.stock;

/** Error codes of the stock feature. */
public final class StockErrors {

    public static final String STOCK_NOT_FOUND = "STOCK_NOT_FOUND";

    private StockErrors() {
    }
}
