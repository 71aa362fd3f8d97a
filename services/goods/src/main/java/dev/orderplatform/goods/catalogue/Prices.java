package dev.orderplatform.goods.catalogue;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as the platform writes it: DECIMAL(12,2) in the database, {@code "12.50"} on the wire. */
public final class Prices {

    /** Digits before the decimal point that DECIMAL(12,2) holds. */
    static final int MAX_INTEGER_DIGITS = 10;

    static final int FRACTION_DIGITS = 2;

    private Prices() {}

    /** {@code 12.5 -> "12.50"}: plain notation, never an exponent, always two fraction digits. */
    public static String format(BigDecimal price) {
        return price.setScale(FRACTION_DIGITS, RoundingMode.UNNECESSARY).toPlainString();
    }
}
