package dev.orderplatform.inventory.sell;

import java.util.List;

/**
 * A Sell's business outcome. Anything else (database down, deadlock retries exhausted) is an exception: the caller
 * must then treat the outcome as unknown (A2).
 *
 * @param outcome what happened
 * @param replayed true when the order was already deducted by an earlier identical request and nothing was deducted
 *        now (A6)
 * @param shortGoodsIds goods ids whose stock is too low (INSUFFICIENT_STOCK)
 * @param unknownGoodsIds goods ids without a stock row (UNKNOWN_GOODS)
 */
public record SellResult(Outcome outcome, boolean replayed, List<Long> shortGoodsIds, List<Long> unknownGoodsIds) {

    public enum Outcome {
        /** Every item is deducted, now or by an earlier request for the same order number. */
        DEDUCTED,
        /** At least one item is short: nothing deducted. */
        INSUFFICIENT_STOCK,
        /** At least one goods id has no stock row: nothing deducted. */
        UNKNOWN_GOODS,
        /** The order's stock was already returned, possibly before this Sell arrived (A4): nothing deducted. */
        ALREADY_RETURNED,
        /** The order number already names a deduction of other items (not a retry, A6): nothing deducted. */
        ORDER_SN_CONFLICT
    }

    public SellResult {
        shortGoodsIds = List.copyOf(shortGoodsIds);
        unknownGoodsIds = List.copyOf(unknownGoodsIds);
    }

    static SellResult deducted(boolean replayed) {
        return new SellResult(Outcome.DEDUCTED, replayed, List.of(), List.of());
    }

    static SellResult alreadyReturned() {
        return new SellResult(Outcome.ALREADY_RETURNED, false, List.of(), List.of());
    }

    static SellResult orderSnConflict() {
        return new SellResult(Outcome.ORDER_SN_CONFLICT, false, List.of(), List.of());
    }
}
