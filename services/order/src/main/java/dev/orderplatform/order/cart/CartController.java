package dev.orderplatform.order.cart;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/api/v1/cart")
public class CartController {

    private final CartService cart;

    public CartController(CartService cart) {
        this.cart = cart;
    }

    public record PutItem(@NotNull @Min(1) Long goodsId, @NotNull @Min(1) @Max(10_000) Integer quantity, Boolean selected) {
    }

    public record ChangeItem(@Min(1) @Max(10_000) Integer quantity, Boolean selected) {
    }

    @GetMapping
    CartView get(@AuthenticationPrincipal Jwt user) {
        return cart.view(user.getSubject());
    }

    /** Adds a goods (201) or sets the quantity of one already in the cart (200); answers the whole cart. */
    @PostMapping("/items")
    ResponseEntity<CartView> put(@AuthenticationPrincipal Jwt user, @Valid @RequestBody PutItem item) {
        boolean created = cart.put(user.getSubject(), item.goodsId(), item.quantity(), item.selected());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(cart.view(user.getSubject()));
    }

    @PatchMapping("/items/{goodsId}")
    CartView change(@AuthenticationPrincipal Jwt user, @PathVariable long goodsId, @Valid @RequestBody ChangeItem change) {
        cart.update(user.getSubject(), goodsId, change.quantity(), change.selected());
        return cart.view(user.getSubject());
    }

    @DeleteMapping("/items/{goodsId}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt user, @PathVariable long goodsId) {
        cart.delete(user.getSubject(), goodsId);
        return ResponseEntity.noContent().build();
    }
}
