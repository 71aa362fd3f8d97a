package dev.orderplatform.order.order;

import dev.orderplatform.order.admission.AdmissionLimited;
import dev.orderplatform.order.idempotency.IdempotencyKey;
import dev.orderplatform.web.openapi.ProblemResponse;
import dev.orderplatform.web.paging.PageQuery;
import dev.orderplatform.web.paging.PageWindow;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The user's orders; the user is the token's subject. Another user's order is "not found". */
@RestController
@AdmissionLimited
@RequestMapping(path = "/api/v1/orders", produces = MediaType.APPLICATION_JSON_VALUE)
public class OrderController {

    static final int MAX_PAGE_SIZE = 100;

    private final OrderService orders;

    public OrderController(OrderService orders) {
        this.orders = orders;
    }

    public record CreateOrder(
            @NotBlank @Size(max = 255) String address,
            @NotBlank @Size(max = 64) String name,
            @NotBlank @Size(max = 32) String mobile) {}

    public record OrderView(
            String orderSn,
            OrderStatus status,
            BigDecimal total,
            String address,
            String name,
            String mobile,
            Instant createdAt,
            Instant payDeadline,
            Instant paidAt,
            Instant closedAt,
            List<OrderLine> lines) {

        static OrderView of(Order order) {
            return new OrderView(
                    order.orderSn(),
                    order.status(),
                    order.total(),
                    order.address(),
                    order.signerName(),
                    order.signerMobile(),
                    order.createdAt(),
                    order.payDeadline(),
                    order.paidAt(),
                    order.closedAt(),
                    order.lines());
        }
    }

    public record OrderPage(List<OrderView> items, int page, int size, long total) {}

    /**
     * Creates an order from the selected cart items: 201 with the order number, status and total. With an
     * {@code Idempotency-Key}, a retry answers what the first request with that key answered.
     */
    @PostMapping
    @ApiResponse(
            responseCode = "201",
            description = "Created; Location names the new order",
            useReturnTypeSchema = true)
    @ProblemResponse(
            status = 400,
            codes = {OrderErrorCodes.CART_EMPTY, OrderErrorCodes.IDEMPOTENCY_KEY_INVALID},
            description = "No selected items in the cart, or a malformed Idempotency-Key.")
    @ProblemResponse(
            status = 409,
            codes = {
                OrderErrorCodes.GOODS_UNAVAILABLE,
                OrderErrorCodes.INSUFFICIENT_STOCK,
                OrderErrorCodes.CART_CHANGED,
                OrderErrorCodes.IDEMPOTENCY_KEY_IN_PROGRESS
            },
            description =
                    "A selected goods is unavailable or short of stock (nothing was deducted), the cart items were"
                            + " ordered by another request meanwhile (its stock is being returned), or the first request with"
                            + " this Idempotency-Key is still running.")
    @ProblemResponse(
            status = 422,
            codes = {OrderErrorCodes.ORDER_TOTAL_TOO_LARGE, OrderErrorCodes.IDEMPOTENCY_KEY_MISMATCH},
            description = "The total exceeds what an order can hold (nothing"
                    + " deducted), or the Idempotency-Key was used with another body.")
    @ProblemResponse(
            status = 503,
            codes = {
                OrderErrorCodes.DEPENDENCY_UNAVAILABLE,
                OrderErrorCodes.ORDER_NOT_CREATED,
                OrderErrorCodes.ORDER_OUTCOME_UNKNOWN
            },
            description = "A dependency failed; see the code for the outcome.")
    ResponseEntity<OrderView> create(
            @AuthenticationPrincipal Jwt user,
            @Valid @RequestBody CreateOrder body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        Order order = orders.create(
                user.getSubject(), body.address(), body.name(), body.mobile(), IdempotencyKey.parse(idempotencyKey));
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.orderSn()))
                .body(OrderView.of(order));
    }

    @GetMapping("/{orderSn}")
    @ProblemResponse(status = 404, codes = OrderErrorCodes.ORDER_NOT_FOUND, description = "No such order of this user.")
    OrderView get(@AuthenticationPrincipal Jwt user, @PathVariable String orderSn) {
        return OrderView.of(orders.get(user.getSubject(), orderSn));
    }

    /** The user's orders, newest first; {@code page} from 0. */
    @GetMapping
    OrderPage list(
            @AuthenticationPrincipal Jwt user,
            @PageQuery(defaultSize = 20, maxSize = MAX_PAGE_SIZE) PageWindow window) {
        OrderService.Page found = orders.page(user.getSubject(), window);
        return new OrderPage(
                found.orders().stream().map(OrderView::of).toList(), found.page(), found.size(), found.total());
    }

    /**
     * Simulated payment confirmation: 200 with the paid order (also when it was paid already); 409 when it is closed
     * or its payment deadline has passed.
     */
    @PostMapping("/{orderSn}/pay")
    @ProblemResponse(status = 404, codes = OrderErrorCodes.ORDER_NOT_FOUND, description = "No such order of this user.")
    @ProblemResponse(
            status = 409,
            codes = {OrderErrorCodes.ORDER_CLOSED, OrderErrorCodes.ORDER_PAYMENT_DEADLINE_PASSED},
            description = "The order was closed unpaid, or its payment deadline has passed.")
    OrderView pay(@AuthenticationPrincipal Jwt user, @PathVariable String orderSn) {
        return OrderView.of(orders.pay(user.getSubject(), orderSn));
    }
}
