package dev.orderplatform.goods.catalogue;

/** Error codes of the goods service, beside {@link dev.orderplatform.web.problem.ErrorCodes}. */
public final class GoodsErrorCodes {

    /** No goods with the requested id. */
    public static final String GOODS_NOT_FOUND = "GOODS_NOT_FOUND";

    private GoodsErrorCodes() {}
}
