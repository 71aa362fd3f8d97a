package dev.orderplatform.inventory.stock;

/** Error codes of the stock feature. */
public final class StockErrors {

    public static final String STOCK_NOT_FOUND = "STOCK_NOT_FOUND";
    /** A stock above {@link StockService#MAX_STOCK}, counting units that may still be returned. 400. */
    public static final String STOCK_LIMIT_EXCEEDED = "STOCK_LIMIT_EXCEEDED";

    private StockErrors() {}
}
