package dev.orderplatform.order.protocol;

import dev.orderplatform.contracts.goods.v1.Goods;
import dev.orderplatform.contracts.inventory.v1.SellResponse;
import dev.orderplatform.order.OrderProperties;
import dev.orderplatform.order.cart.CartRepository;
import dev.orderplatform.order.idempotency.IdempotencyKeys;
import dev.orderplatform.order.order.Order;
import dev.orderplatform.order.order.OrderErrorCodes;
import dev.orderplatform.order.order.OrderLine;
import dev.orderplatform.order.order.OrderNumbers;
import dev.orderplatform.order.order.OrderRepository;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.order.remote.InventoryGateway;
import dev.orderplatform.order.remote.RecentCatalogue;
import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.problem.ErrorCodes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The steps of creating an order that every protocol mode takes alike: the prices (BatchGetGoods, or a copy of the
 * catalogue read at most {@code orderplatform.order.creation-catalogue-ttl} ago), the deduction
 * (Sell under the order number) and the rows of the local transaction. What a failed step means for the stock (commit
 * or roll back the return, or nothing at all in the baseline) is the protocol's business, told by {@link Stop}.
 */
@Component
class CreationSteps {

    /** The order lines at catalogue prices and their total. */
    record Priced(List<OrderLine> lines, BigDecimal total) {}

    /**
     * A creation that cannot go on: the reason (a metrics tag), the answer for the client, and whether the stock may
     * have been deducted (A2: an unknown outcome is "maybe deducted"; its message then says what was seen).
     */
    static final class Stop extends RuntimeException {
        final String reason;
        final ApiProblem problem;
        final boolean maybeDeducted;

        Stop(String reason, ApiProblem problem, boolean maybeDeducted) {
            this(reason, problem, maybeDeducted, reason);
        }

        Stop(String reason, ApiProblem problem, boolean maybeDeducted, String seen) {
            super(seen, null, false, false);
            this.reason = reason;
            this.problem = problem;
            this.maybeDeducted = maybeDeducted;
        }
    }

    private final OrderNumbers numbers;
    private final RecentCatalogue catalogue;
    private final InventoryGateway inventory;
    private final OrderRepository orders;
    private final CartRepository carts;
    private final IdempotencyKeys idempotencyKeys;
    private final OrderProperties properties;

    CreationSteps(
            OrderNumbers numbers,
            @Qualifier("creationCatalogue") RecentCatalogue catalogue,
            InventoryGateway inventory,
            OrderRepository orders,
            CartRepository carts,
            IdempotencyKeys idempotencyKeys,
            OrderProperties properties) {
        this.numbers = numbers;
        this.catalogue = catalogue;
        this.inventory = inventory;
        this.orders = orders;
        this.carts = carts;
        this.idempotencyKeys = idempotencyKeys;
        this.properties = properties;
    }

    /** The new order's number, unique by construction: a Sell under it can only be this order's (A6). */
    String newOrderSn() {
        return numbers.next();
    }

    /**
     * Step 1: the prices, from the catalogue as read at most {@code creation-catalogue-ttl} ago. Nothing is deducted
     * yet: every {@link Stop} has {@code maybeDeducted == false}.
     */
    Priced price(NewOrder request) {
        Map<Long, Goods> goods;
        try {
            goods = catalogue.get(request.quantities().keySet());
        } catch (StatusRuntimeException e) {
            throw new Stop(
                    "goods_unreachable",
                    new ApiProblem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            OrderErrorCodes.DEPENDENCY_UNAVAILABLE,
                            "The catalogue is unavailable; nothing was charged. Try again later."),
                    false);
        }
        List<Long> unavailable = request.quantities().keySet().stream()
                .sorted()
                .filter(id -> !goods.containsKey(id) || !goods.get(id).getOnSale())
                .toList();
        if (!unavailable.isEmpty()) {
            throw new Stop(
                    "goods_unavailable",
                    goodsProblem(OrderErrorCodes.GOODS_UNAVAILABLE, "Goods not on sale: " + unavailable, unavailable),
                    false);
        }
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<Long, Integer> item : new TreeMap<>(request.quantities()).entrySet()) {
            Goods g = goods.get(item.getKey());
            BigDecimal price = new BigDecimal(g.getPrice());
            lines.add(new OrderLine(g.getId(), g.getName(), price, item.getValue()));
            total = total.add(price.multiply(BigDecimal.valueOf(item.getValue())));
        }
        if (total.compareTo(Order.MAX_TOTAL) > 0) {
            // Refused now, not by the insert after the deduction (which returned the stock and answered "try again").
            throw new Stop(
                    "total_too_large",
                    new ApiProblem(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            OrderErrorCodes.ORDER_TOTAL_TOO_LARGE,
                            "The order total " + total.toPlainString()
                                    + " is more than one order can hold; nothing was charged. Order fewer items at once.",
                            Map.of("maxTotal", Order.MAX_TOTAL.toPlainString())),
                    false);
        }
        return new Priced(List.copyOf(lines), total);
    }

    /**
     * Step 2: deduct, under the order number (A6: a retried Sell deducts once). Returns when the stock is deducted;
     * otherwise a {@link Stop}: a definite refusal ({@code maybeDeducted == false}) or an unknown outcome (A2).
     */
    void deduct(String orderSn, NewOrder request) {
        SellResponse sold;
        try {
            sold = inventory.sell(orderSn, request.quantities());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                // Definite refusal before anything was deducted (per the contract).
                throw new Stop("sell_invalid", refusedBySellService(), false);
            }
            // A2: timeout, unavailable, ...: the stock MAY have been deducted.
            throw new Stop(
                    "outcome_unknown",
                    new ApiProblem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            OrderErrorCodes.ORDER_OUTCOME_UNKNOWN,
                            "The stock service did not answer in time. No order was "
                                    + "created; any deducted stock is being returned. Try again.",
                            Map.of("orderSn", orderSn)),
                    true,
                    String.valueOf(e.getStatus()));
        }
        switch (sold.getOutcome()) {
            case SELL_OUTCOME_DEDUCTED -> {
                // go on
            }
            case SELL_OUTCOME_INSUFFICIENT_STOCK ->
                throw new Stop(
                        "insufficient_stock",
                        goodsProblem(
                                OrderErrorCodes.INSUFFICIENT_STOCK,
                                "Not enough stock for goods " + sold.getShortGoodsIdsList(),
                                sold.getShortGoodsIdsList()),
                        false);
            case SELL_OUTCOME_UNKNOWN_GOODS ->
                throw new Stop(
                        "goods_unavailable",
                        goodsProblem(
                                OrderErrorCodes.GOODS_UNAVAILABLE,
                                "No stock kept for goods " + sold.getUnknownGoodsIdsList(),
                                sold.getUnknownGoodsIdsList()),
                        false);
            // A4: a decision already fenced this order out and its return was consumed; nothing was deducted now.
            case SELL_OUTCOME_ALREADY_RETURNED -> throw new Stop("already_returned", notCreated(orderSn), false);
            // A6 replays identical requests only: the number names another order's deduction, which is not ours to
            // return. Nothing was deducted now.
            case SELL_OUTCOME_ORDER_SN_CONFLICT -> throw new Stop("order_sn_conflict", refusedBySellService(), false);
            // An outcome this version does not know: treat it as unknown (A2).
            default ->
                throw new Stop(
                        "outcome_unknown",
                        new ApiProblem(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                OrderErrorCodes.ORDER_OUTCOME_UNKNOWN,
                                "The stock service answered " + sold.getOutcome() + "; no order was created.",
                                Map.of("orderSn", orderSn)),
                        true,
                        "outcome " + sold.getOutcome());
        }
    }

    /**
     * The order as step 3 stores it: waiting for payment, created now, payable until now plus the order timeout (fixed
     * here, so that a later change of the timeout moves no existing deadline).
     */
    Order newOrder(String orderSn, NewOrder request, Priced priced) {
        Instant now = Instant.now();
        return new Order(
                orderSn,
                request.userId(),
                OrderStatus.WAIT_BUYER_PAY,
                priced.total(),
                request.address(),
                request.signerName(),
                request.signerMobile(),
                now,
                now,
                null,
                null,
                now.plus(properties.timeout()),
                priced.lines());
    }

    /**
     * Step 3's rows, inside the caller's transaction: the ordered items claimed out of the cart, the order and its
     * lines, and the request's idempotency key completed with them. A {@link Stop} ({@code maybeDeducted}: the stock
     * is deducted by now) when the cart items were claimed by another creation: the caller rolls back and returns the
     * stock.
     */
    void store(Order order, NewOrder request) {
        if (!carts.claimOrdered(request.userId(), request.quantities())) {
            throw new Stop(
                    "cart_changed",
                    new ApiProblem(
                            HttpStatus.CONFLICT,
                            OrderErrorCodes.CART_CHANGED,
                            "These cart items were ordered or changed by another request meanwhile; no order was created and"
                                    + " its stock is being returned. See your orders and your cart.",
                            Map.of("orderSn", order.orderSn())),
                    true);
        }
        orders.insert(order);
        if (request.idempotencyKey() != null) {
            idempotencyKeys.complete(request.userId(), request.idempotencyKey(), order.orderSn());
        }
    }

    private static ApiProblem refusedBySellService() {
        return new ApiProblem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ErrorCodes.INTERNAL_ERROR,
                "The stock service refused the order; nothing was charged.");
    }

    static ApiProblem goodsProblem(String code, String detail, List<Long> goodsIds) {
        return new ApiProblem(HttpStatus.CONFLICT, code, detail, Map.of("goodsIds", List.copyOf(goodsIds)));
    }

    static ApiProblem notCreated(String orderSn) {
        return new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                OrderErrorCodes.ORDER_NOT_CREATED,
                "The order could not be stored; no order was created and its stock is being returned. Try again.",
                Map.of("orderSn", orderSn));
    }
}
