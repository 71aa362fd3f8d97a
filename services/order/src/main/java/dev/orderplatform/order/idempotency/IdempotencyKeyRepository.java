package dev.orderplatform.order.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code idempotency_key} table: one row per user and key. */
@Repository
class IdempotencyKeyRepository {

    enum State {
        IN_PROGRESS,
        COMPLETED,
        FAILED
    }

    /** A key's row: the first request's fingerprint, and its order (COMPLETED) or its problem (FAILED). */
    record Entry(
            String fingerprint,
            State state,
            String orderSn,
            Integer problemStatus,
            String problemCode,
            String problemDetail,
            Instant createdAt) {}

    private static final int MAX_DETAIL = 1000;

    private final JdbcClient jdbc;

    IdempotencyKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the key IN_PROGRESS (committed at once); false when the user has this key already. */
    boolean claim(String userId, String key, String fingerprint, Instant now) {
        try {
            jdbc.sql("INSERT INTO idempotency_key (user_id, idem_key, fingerprint, state, created_at)"
                            + " VALUES (?, ?, ?, 'IN_PROGRESS', ?)")
                    .params(userId, key, fingerprint, Timestamp.from(now))
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    Optional<Entry> find(String userId, String key) {
        return jdbc.sql("SELECT fingerprint, state, order_sn, problem_status, problem_code, problem_detail, created_at"
                        + " FROM idempotency_key WHERE user_id = ? AND idem_key = ?")
                .params(userId, key)
                .query((rs, n) -> new Entry(
                        rs.getString(1),
                        State.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getObject(4, Integer.class),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }

    /** Part of the order's local transaction: the key and its order commit together or not at all. */
    void complete(String userId, String key, String orderSn) {
        jdbc.sql("UPDATE idempotency_key SET state = 'COMPLETED', order_sn = ?"
                        + " WHERE user_id = ? AND idem_key = ? AND state = 'IN_PROGRESS'")
                .params(orderSn, userId, key)
                .update();
    }

    void fail(String userId, String key, int status, String code, String detail) {
        String kept = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        jdbc.sql("UPDATE idempotency_key SET state = 'FAILED', problem_status = ?, problem_code = ?, problem_detail = ?"
                        + " WHERE user_id = ? AND idem_key = ? AND state = 'IN_PROGRESS'")
                .params(status, code, kept, userId, key)
                .update();
    }

    /** Deletes one user's key if it was created before {@code cutoff}. */
    void deleteIfCreatedBefore(String userId, String key, Instant cutoff) {
        jdbc.sql("DELETE FROM idempotency_key WHERE user_id = ? AND idem_key = ? AND created_at < ?")
                .params(userId, key, Timestamp.from(cutoff))
                .update();
    }

    /** Deletes at most {@code limit} keys created before {@code cutoff}; answers how many. */
    int deleteCreatedBefore(Instant cutoff, int limit) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < ? LIMIT ?")
                .params(Timestamp.from(cutoff), limit)
                .update();
    }
}
