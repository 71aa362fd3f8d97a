package dev.orderplatform.goods.catalogue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where a product's fields are checked, for HTTP and gRPC alike. Every broken field is reported at
 * once, before anything is written.
 */
final class GoodsRules {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_IMAGE_URL_LENGTH = 1024;
    /** Longest price text considered at all (a 10-digit price with 2 decimals has 13 characters). */
    private static final int MAX_PRICE_TEXT_LENGTH = 64;

    private GoodsRules() {}

    static ValidGoods validate(GoodsDraft draft) {
        List<InvalidGoodsException.Violation> violations = new ArrayList<>();

        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            violations.add(new InvalidGoodsException.Violation("name", "must not be blank"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            violations.add(new InvalidGoodsException.Violation(
                    "name", "must have at most " + MAX_NAME_LENGTH + " characters"));
        }

        BigDecimal price = price(draft.price(), violations);

        String imageUrl = draft.imageUrl() == null || draft.imageUrl().isBlank()
                ? null
                : draft.imageUrl().strip();
        if (imageUrl != null) {
            if (imageUrl.length() > MAX_IMAGE_URL_LENGTH) {
                violations.add(new InvalidGoodsException.Violation(
                        "imageUrl", "must have at most " + MAX_IMAGE_URL_LENGTH + " characters"));
            } else if (!isUri(imageUrl)) {
                violations.add(new InvalidGoodsException.Violation("imageUrl", "must be a URL"));
            }
        }

        if (!violations.isEmpty()) {
            throw new InvalidGoodsException(violations);
        }
        return new ValidGoods(name, price, imageUrl, draft.onSale());
    }

    private static BigDecimal price(String text, List<InvalidGoodsException.Violation> violations) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            violations.add(new InvalidGoodsException.Violation("price", "is required"));
            return null;
        }
        BigDecimal price;
        try {
            if (trimmed.length() > MAX_PRICE_TEXT_LENGTH) {
                throw new NumberFormatException();
            }
            price = new BigDecimal(trimmed);
        } catch (NumberFormatException malformed) {
            violations.add(new InvalidGoodsException.Violation("price", "must be a decimal number such as 12.50"));
            return null;
        }
        if (price.signum() < 0) {
            violations.add(new InvalidGoodsException.Violation("price", "must not be negative"));
            return null;
        }
        // Checked on the stripped value, so "12.500" is 12.50 (no digit lost) and "1E+2" is 100.00, while
        // "12.345" is refused rather than rounded: the price is kept exactly or not at all.
        BigDecimal significant = price.stripTrailingZeros();
        if (significant.scale() > Prices.FRACTION_DIGITS) {
            violations.add(new InvalidGoodsException.Violation(
                    "price", "must have at most " + Prices.FRACTION_DIGITS + " fraction digits"));
            return null;
        }
        if (significant.precision() - significant.scale() > Prices.MAX_INTEGER_DIGITS) {
            violations.add(new InvalidGoodsException.Violation(
                    "price", "must be less than 10000000000 (" + Prices.MAX_INTEGER_DIGITS + " integer digits)"));
            return null;
        }
        return price.setScale(Prices.FRACTION_DIGITS, RoundingMode.UNNECESSARY);
    }

    private static boolean isUri(String text) {
        try {
            new URI(text);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
