package dev.orderplatform.inventory.sell;

/** State of an order's sell record. The only transition is {@code DEDUCTED -> RETURNED}, made once (A5). */
public enum SellStatus {
    /** The order's stock is deducted. */
    DEDUCTED,
    /** The order's stock was given back, or (without items) the return came before any Sell: a tombstone (A4). */
    RETURNED
}
