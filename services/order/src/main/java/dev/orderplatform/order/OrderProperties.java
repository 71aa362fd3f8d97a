package dev.orderplatform.order;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the order service ({@code orderplatform.order.*}). A value outside its range (a negative duration or
 * count, a timeout or deadline of zero) fails the start with the property's name.
 *
 * @param timeout       how long an order may wait for payment before the timeout closes it and returns its stock
 *                      (any duration: a RocketMQ 5 timer message, not a delay level)
 * @param grpcDeadline  deadline of every call to goods and inventory; a call that misses it has an unknown outcome
 * @param maxCartItems  the most distinct goods one cart (and so one order) may hold
 * @param cartCatalogueTtl how long the cart keeps the goods it read from the catalogue (names, prices, on sale) before
 *                      reading them again; 0: read them on every cart request
 * @param creationCatalogueTtl how long order creation keeps the goods it read from the catalogue (prices, on sale)
 *                      before reading them again, apart from the cart's copy; 0: read them for every order. A change of
 *                      price or of the on-sale flag reaches new orders within it.
 * @param protocolConnections the database connections kept for the protocol's transactions (an order's local
 *                      transaction, a close, a check-back's decision) apart from those of the requests; 0: they share
 *                      the requests' pool
 */
@Validated
@ConfigurationProperties("orderplatform.order")
public record OrderProperties(
        @DefaultValue("30m") @DurationMin(nanos = 0, inclusive = false)
        Duration timeout,

        @DefaultValue("3s") @DurationMin(nanos = 0, inclusive = false)
        Duration grpcDeadline,

        @DefaultValue("100") @Min(1) int maxCartItems,
        @DefaultValue("5s") @DurationMin(nanos = 0) Duration cartCatalogueTtl,
        @DefaultValue("1s") @DurationMin(nanos = 0) Duration creationCatalogueTtl,
        @DefaultValue("8") @PositiveOrZero int protocolConnections) {}
