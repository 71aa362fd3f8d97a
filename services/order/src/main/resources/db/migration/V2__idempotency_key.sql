-- Idempotency-Key of POST /api/v1/orders (IETF draft-ietf-httpapi-idempotency-key-header): one row per user and key,
-- claimed (IN_PROGRESS) before the work, so that concurrent requests with one key never both create an order.
-- COMPLETED is written by the order's own local transaction (the order and its key commit together); FAILED keeps
-- the answer of a first request that created nothing. Rows older than the retention are deleted in batches.
CREATE TABLE idempotency_key (
    user_id        VARCHAR(64)   NOT NULL,
    idem_key       VARCHAR(255)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    -- SHA-256 (hex) of the request body's fields: the same key with another body is refused.
    fingerprint    CHAR(64)      NOT NULL,
    -- IN_PROGRESS | COMPLETED | FAILED
    state          VARCHAR(16)   NOT NULL,
    order_sn       VARCHAR(64)   NULL,
    problem_status SMALLINT      NULL,
    problem_code   VARCHAR(64)   NULL,
    problem_detail VARCHAR(1000) NULL,
    created_at     DATETIME(3)   NOT NULL,
    PRIMARY KEY (user_id, idem_key),
    KEY idx_idempotency_key_created (created_at)
) ENGINE = InnoDB;
