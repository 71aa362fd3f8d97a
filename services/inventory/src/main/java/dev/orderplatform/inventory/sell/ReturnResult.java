package dev.orderplatform.inventory.sell;

/** What a return request did. Every value is a success: the message is acknowledged. */
public enum ReturnResult {
    /** The order was DEDUCTED: its items' quantities are back in stock and the record is RETURNED. */
    RETURNED,
    /** No record existed: a RETURNED tombstone now refuses a late Sell for this order (A4). */
    TOMBSTONE,
    /** Already RETURNED (a duplicate or redelivered message, or a second return): nothing changed (A5). */
    DUPLICATE
}
