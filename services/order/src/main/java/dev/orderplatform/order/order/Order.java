package dev.orderplatform.order.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order with its lines; it can be paid until {@code payDeadline} (fixed at creation). */
public record Order(
        String orderSn,
        String userId,
        OrderStatus status,
        BigDecimal total,
        String address,
        String signerName,
        String signerMobile,
        Instant createdAt,
        Instant updatedAt,
        Instant paidAt,
        Instant closedAt,
        Instant payDeadline,
        List<OrderLine> lines) {

    /** The largest total the {@code orders.total} column, DECIMAL(12, 2), holds. */
    public static final BigDecimal MAX_TOTAL = new BigDecimal("9999999999.99");

    public Order withLines(List<OrderLine> newLines) {
        return new Order(
                orderSn,
                userId,
                status,
                total,
                address,
                signerName,
                signerMobile,
                createdAt,
                updatedAt,
                paidAt,
                closedAt,
                payDeadline,
                List.copyOf(newLines));
    }
}
