package dev.orderplatform.goods.catalogue;

import dev.orderplatform.web.problem.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** No goods with this id: HTTP 404 {@code GOODS_NOT_FOUND}, gRPC {@code NOT_FOUND}. */
public class GoodsNotFoundException extends ApiProblem {

    private final long goodsId;

    public GoodsNotFoundException(long goodsId) {
        super(
                HttpStatus.NOT_FOUND,
                GoodsErrorCodes.GOODS_NOT_FOUND,
                "No goods with id " + goodsId,
                Map.of("goodsId", goodsId));
        this.goodsId = goodsId;
    }

    public long goodsId() {
        return goodsId;
    }
}
