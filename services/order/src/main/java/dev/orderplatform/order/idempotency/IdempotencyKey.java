package dev.orderplatform.order.idempotency;

import dev.orderplatform.order.order.OrderErrorCodes;
import dev.orderplatform.web.problem.ApiProblem;

/**
 * The value of an {@code Idempotency-Key} request header (IETF draft-ietf-httpapi-idempotency-key-header): the
 * draft's structured-field string ({@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}, quoted) or the bare text that many
 * clients send. 1 to {@value #MAX_LENGTH} visible ASCII characters other than {@code "} and {@code \}.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    /** The key of a request, or null when it has none; a malformed key is refused with 400 before any work. */
    public static IdempotencyKey parse(String header) {
        if (header == null) {
            return null;
        }
        boolean quoted = header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"");
        String text = quoted ? header.substring(1, header.length() - 1) : header;
        if (text.isEmpty() || text.length() > MAX_LENGTH || !text.chars().allMatch(IdempotencyKey::allowed)) {
            throw ApiProblem.badRequest(
                    OrderErrorCodes.IDEMPOTENCY_KEY_INVALID,
                    "The " + HEADER + " header must be 1 to " + MAX_LENGTH
                            + " visible ASCII characters other than '\"' and '\\', optionally in double quotes.");
        }
        return new IdempotencyKey(text);
    }

    private static boolean allowed(int c) {
        return c > 0x20 && c < 0x7f && c != '"' && c != '\\';
    }
}
