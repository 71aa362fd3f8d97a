package dev.orderplatform.order.order;

import dev.orderplatform.order.OrderProperties;
import dev.orderplatform.order.cart.CartItem;
import dev.orderplatform.order.cart.CartRepository;
import dev.orderplatform.order.idempotency.IdempotencyKey;
import dev.orderplatform.order.idempotency.IdempotencyKeys;
import dev.orderplatform.order.protocol.NewOrder;
import dev.orderplatform.order.protocol.OrderProtocol;
import dev.orderplatform.web.paging.PageWindow;
import dev.orderplatform.web.problem.ApiProblem;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Orders of a user: create (through the protocol), read, list, pay. */
@Service
public class OrderService {

    private final OrderProtocol protocol;
    private final OrderRepository orders;
    private final CartRepository carts;
    private final OrderProperties properties;
    private final IdempotencyKeys idempotencyKeys;
    private final ObservationRegistry observations;

    public OrderService(
            OrderProtocol protocol,
            OrderRepository orders,
            CartRepository carts,
            OrderProperties properties,
            IdempotencyKeys idempotencyKeys,
            ObservationRegistry observations) {
        this.protocol = protocol;
        this.orders = orders;
        this.carts = carts;
        this.properties = properties;
        this.idempotencyKeys = idempotencyKeys;
        this.observations = observations;
    }

    /**
     * Orders the user's selected cart items. With an idempotency key ({@code key} not null), the first request with
     * it does so and every later one answers what the first answered: its order, or its failure (see
     * {@link IdempotencyKeys}).
     */
    public Order create(String userId, String address, String signerName, String signerMobile, IdempotencyKey key) {
        if (key == null) {
            return createFromCart(userId, address, signerName, signerMobile, null);
        }
        Optional<String> earlier =
                idempotencyKeys.claim(userId, key, IdempotencyKeys.fingerprint(address, signerName, signerMobile));
        if (earlier.isPresent()) {
            return get(userId, earlier.get());
        }
        try {
            return createFromCart(userId, address, signerName, signerMobile, key);
        } catch (ApiProblem failure) {
            idempotencyKeys.fail(userId, key, failure);
            throw failure;
        } catch (RuntimeException failure) {
            idempotencyKeys.failUnexpectedly(userId, key);
            throw failure;
        }
    }

    private Order createFromCart(
            String userId, String address, String signerName, String signerMobile, IdempotencyKey key) {
        List<CartItem> selected = Observation.createNotStarted("order.cart.read", observations)
                .contextualName("cart read")
                .observe(() -> carts.selectedItems(userId));
        if (selected.isEmpty()) {
            throw ApiProblem.badRequest(OrderErrorCodes.CART_EMPTY, "No selected items in the cart.");
        }
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        selected.stream()
                .limit(properties.maxCartItems())
                .forEach(item -> quantities.put(item.goodsId(), item.quantity()));
        return protocol.create(new NewOrder(userId, quantities, address, signerName, signerMobile, key));
    }

    public Order get(String userId, String orderSn) {
        return orders.find(orderSn)
                .filter(order -> order.userId().equals(userId))
                .orElseThrow(() -> notFound(orderSn));
    }

    public Page page(String userId, PageWindow window) {
        return new Page(
                orders.pageOfUser(userId, window.offset(), window.size()),
                window.page(),
                window.size(),
                orders.countOfUser(userId));
    }

    /**
     * A simulated payment confirmation. A7: compare-and-set WAIT_BUYER_PAY -> TRADE_SUCCESS, so payment and timeout
     * never both win. Paying a paid order again is answered as a success. After the order's payment deadline it is
     * refused even while the order still waits (its timeout message is late or lost and the sweeper has not closed it
     * yet): an order is never paid after it was due to close.
     */
    public Order pay(String userId, String orderSn) {
        boolean paid = orders.payIfWaiting(orderSn, userId, Instant.now());
        Order order = get(userId, orderSn); // someone else's or unknown: 404
        if (!paid && order.status() == OrderStatus.TRADE_CLOSED) {
            throw ApiProblem.conflict(
                    OrderErrorCodes.ORDER_CLOSED, "Order " + orderSn + " was closed because it was not paid in time.");
        }
        if (!paid && order.status() == OrderStatus.WAIT_BUYER_PAY) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    OrderErrorCodes.ORDER_PAYMENT_DEADLINE_PASSED,
                    "Order " + orderSn + " can no longer be paid: its payment deadline " + order.payDeadline()
                            + " has passed. It is being closed and its stock returned.",
                    Map.of("payDeadline", order.payDeadline().toString()));
        }
        return order;
    }

    private static ApiProblem notFound(String orderSn) {
        return ApiProblem.notFound(OrderErrorCodes.ORDER_NOT_FOUND, "No order " + orderSn + ".");
    }

    public record Page(List<Order> orders, int page, int size, long total) {}
}
