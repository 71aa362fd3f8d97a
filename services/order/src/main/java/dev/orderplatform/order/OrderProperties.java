package dev.orderplatform.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the order service ({@code orderplatform.order.*}).
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
@ConfigurationProperties("orderplatform.order")
public record OrderProperties(
        @DefaultValue("30m") Duration timeout,
        @DefaultValue("3s") Duration grpcDeadline,
        @DefaultValue("100") int maxCartItems,
        @DefaultValue("5s") Duration cartCatalogueTtl,
        @DefaultValue("1s") Duration creationCatalogueTtl,
        @DefaultValue("8") int protocolConnections) {}
