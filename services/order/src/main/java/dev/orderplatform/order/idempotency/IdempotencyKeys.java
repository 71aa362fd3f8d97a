package dev.orderplatform.order.idempotency;

import dev.orderplatform.order.order.OrderErrorCodes;
import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.problem.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Idempotency keys of order creation, per user (draft-ietf-httpapi-idempotency-key-header). A key is claimed by a
 * committed row before any work, so two requests with one key never both run; the order's local transaction marks
 * it COMPLETED together with the order; a request that ends without an order records its answer as FAILED. (A6
 * makes a retried Sell of one order number deduct once; a retried request gets a new order number, hence this.)
 *
 * <p>Every answer is final for its key during the retention, failures included: a retry never re-executes. The
 * draft allows re-executing only when the first attempt did nothing, and a failed creation may well have done
 * something: a deduction whose return is still on its way (503 ORDER_OUTCOME_UNKNOWN, ORDER_NOT_CREATED), or an
 * outcome that is not known at all (an unexpected 500). Telling those apart from "nothing happened" is not worth a
 * second order: a client that wants another attempt sends a new key. A key whose request died with its process
 * (or whose failure could not be recorded) stays "in progress" (409) until it expires; if that request's order had
 * committed, its key would say so, as both commit together.
 */
@Service
public class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final IdempotencyKeyRepository keys;
    private final IdempotencyProperties properties;

    IdempotencyKeys(IdempotencyKeyRepository keys, IdempotencyProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    /**
     * Claims the user's key for a request with this fingerprint, before any work. Empty: the caller does the work. An
     * order number: the first request with this key created that order; answer it again. Otherwise throws the answer:
     * 422 for another request under the same key, 409 while the first one runs, the first one's problem if it failed.
     * A key older than the retention is taken over as new.
     */
    public Optional<String> claim(String userId, IdempotencyKey key, String fingerprint) {
        Instant now = Instant.now();
        Instant expired = now.minus(properties.retention());
        for (int attempt = 0; attempt < 2; attempt++) {
            if (keys.claim(userId, key.value(), fingerprint, now)) {
                return Optional.empty();
            }
            Optional<IdempotencyKeyRepository.Entry> found = keys.find(userId, key.value());
            if (found.isEmpty()) {
                continue; // expired and deleted meanwhile: claim it again
            }
            IdempotencyKeyRepository.Entry first = found.get();
            if (first.createdAt().isBefore(expired)) {
                keys.deleteIfCreatedBefore(userId, key.value(), expired);
                continue;
            }
            if (!first.fingerprint().equals(fingerprint)) {
                throw new ApiProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        OrderErrorCodes.IDEMPOTENCY_KEY_MISMATCH,
                        "This " + IdempotencyKey.HEADER + " was used for a request with another body; use a new key.");
            }
            return switch (first.state()) {
                case COMPLETED -> Optional.of(first.orderSn());
                case FAILED ->
                    throw new ApiProblem(
                            HttpStatus.valueOf(first.problemStatus()), first.problemCode(), first.problemDetail());
                case IN_PROGRESS -> throw inProgress();
            };
        }
        throw inProgress(); // taken again by a concurrent request after an expired row was removed
    }

    /** Marks the key COMPLETED with its order; called inside the order's local transaction. */
    public void complete(String userId, IdempotencyKey key, String orderSn) {
        keys.complete(userId, key.value(), orderSn);
    }

    /**
     * Records the answer of a request that created no order, so that its retries get the same answer. If even that
     * fails, the key stays in progress until it expires: never free for a second execution.
     */
    public void fail(String userId, IdempotencyKey key, ApiProblem answer) {
        record(userId, key, answer.status().value(), answer.code(), answer.getMessage());
    }

    /** As {@link #fail(String, IdempotencyKey, ApiProblem)} for a failure that was not a problem detail: a 500. */
    public void failUnexpectedly(String userId, IdempotencyKey key) {
        record(
                userId,
                key,
                HttpStatus.INTERNAL_SERVER_ERROR.value(),
                ErrorCodes.INTERNAL_ERROR,
                "The first request with this " + IdempotencyKey.HEADER + " failed; whether it created an order is "
                        + "unknown: see your orders, and use a new key to order again.");
    }

    private void record(String userId, IdempotencyKey key, int status, String code, String detail) {
        try {
            keys.fail(userId, key.value(), status, code, detail);
        } catch (RuntimeException e) {
            log.warn(
                    "Outcome of {} {} of user {} not recorded; the key stays in progress until it expires",
                    IdempotencyKey.HEADER,
                    key.value(),
                    userId,
                    e);
        }
    }

    /** The fingerprint of a request: SHA-256 over its fields, each prefixed with its length (no two lists alike). */
    public static String fingerprint(String... fields) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String field : fields) {
                byte[] bytes = String.valueOf(field).getBytes(StandardCharsets.UTF_8);
                sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static ApiProblem inProgress() {
        return ApiProblem.conflict(
                OrderErrorCodes.IDEMPOTENCY_KEY_IN_PROGRESS,
                "A request with this " + IdempotencyKey.HEADER + " is still being processed; retry later.");
    }
}
