package dev.orderplatform.order.cart;

import dev.orderplatform.order.admission.AdmissionLimited;
import dev.orderplatform.order.order.OrderErrorCodes;
import dev.orderplatform.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The user's cart; the user is the token's subject. */
@RestController
@AdmissionLimited
@RequestMapping(path = "/api/v1/cart", produces = MediaType.APPLICATION_JSON_VALUE)
public class CartController {

    private final CartService cart;

    public CartController(CartService cart) {
        this.cart = cart;
    }

    public record PutItem(
            @NotNull @Min(1) Long goodsId,
            @NotNull @Min(1) @Max(10_000) Integer quantity,
            Boolean selected) {}

    public record ChangeItem(@Min(1) @Max(10_000) Integer quantity, Boolean selected) {}

    @GetMapping
    CartView get(@AuthenticationPrincipal Jwt user) {
        return cart.view(user.getSubject());
    }

    /** Adds a goods (201) or sets the quantity of one already in the cart (200); answers the whole cart. */
    @PostMapping("/items")
    @ApiResponse(responseCode = "201", description = "Added; the whole cart", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "Quantity set; the whole cart", useReturnTypeSchema = true)
    @ProblemResponse(status = 404, codes = OrderErrorCodes.GOODS_NOT_FOUND, description = "No such goods on sale.")
    @ProblemResponse(
            status = 409,
            codes = OrderErrorCodes.CART_FULL,
            description = "The cart holds the most goods allowed.")
    @ProblemResponse(
            status = 503,
            codes = OrderErrorCodes.DEPENDENCY_UNAVAILABLE,
            description = "The catalogue is unavailable.")
    ResponseEntity<CartView> put(@AuthenticationPrincipal Jwt user, @Valid @RequestBody PutItem item) {
        CartService.Added added = cart.put(user.getSubject(), item.goodsId(), item.quantity(), item.selected());
        return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(cart.view(added.items()));
    }

    @PatchMapping("/items/{goodsId}")
    @ProblemResponse(
            status = 404,
            codes = OrderErrorCodes.CART_ITEM_NOT_FOUND,
            description = "The goods is not in the cart.")
    CartView change(
            @AuthenticationPrincipal Jwt user, @PathVariable long goodsId, @Valid @RequestBody ChangeItem change) {
        cart.update(user.getSubject(), goodsId, change.quantity(), change.selected());
        return cart.view(user.getSubject());
    }

    @DeleteMapping("/items/{goodsId}")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ProblemResponse(
            status = 404,
            codes = OrderErrorCodes.CART_ITEM_NOT_FOUND,
            description = "The goods is not in the cart.")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt user, @PathVariable long goodsId) {
        cart.delete(user.getSubject(), goodsId);
        return ResponseEntity.noContent().build();
    }
}
