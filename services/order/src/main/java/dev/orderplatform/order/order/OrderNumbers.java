package dev.orderplatform.order.order;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Instant;

/**
 * Order numbers: UTC time to the millisecond, four digits of the user, nine random digits (30 digits). They must
 * never repeat: an order number names one sell record, one fence row and one return for good.
 */
public final class OrderNumbers {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderNumbers() {
    }

    public static String next(String userId) {
        return TIME.format(Instant.now())
                + String.format("%04d", Math.floorMod(userId.hashCode(), 10_000))
                + String.format("%09d", RANDOM.nextInt(1_000_000_000));
    }
}
