package dev.orderplatform.inventory.sell;

/** Error codes of the sell feature. */
public final class SellErrors {

    public static final String SELL_RECORD_NOT_FOUND = "SELL_RECORD_NOT_FOUND";

    private SellErrors() {}
}
