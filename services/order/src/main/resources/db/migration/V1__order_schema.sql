-- Order service schema (schema `orders`). SQL valid on MySQL 8.4 and MariaDB 10.11/11.4 (InnoDB).

CREATE TABLE cart_item (
    user_id    VARCHAR(64) NOT NULL,
    goods_id   BIGINT      NOT NULL,
    quantity   INT         NOT NULL,
    selected   BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (user_id, goods_id)
) ENGINE = InnoDB;

CREATE TABLE orders (
    order_sn      VARCHAR(64)   NOT NULL,
    user_id       VARCHAR(64)   NOT NULL,
    -- WAIT_BUYER_PAY | TRADE_SUCCESS | TRADE_CLOSED; changed only by compare-and-set (A7).
    status        VARCHAR(16)   NOT NULL,
    total         DECIMAL(12, 2) NOT NULL,
    address       VARCHAR(255)  NOT NULL,
    signer_name   VARCHAR(64)   NOT NULL,
    signer_mobile VARCHAR(32)   NOT NULL,
    created_at    DATETIME(3)   NOT NULL,
    updated_at    DATETIME(3)   NOT NULL,
    paid_at       DATETIME(3)   NULL,
    closed_at     DATETIME(3)   NULL,
    PRIMARY KEY (order_sn),
    KEY idx_orders_user_created (user_id, created_at)
) ENGINE = InnoDB;

CREATE TABLE order_line (
    order_sn   VARCHAR(64)    NOT NULL,
    goods_id   BIGINT         NOT NULL,
    goods_name VARCHAR(255)   NOT NULL,
    price      DECIMAL(12, 2) NOT NULL,
    quantity   INT            NOT NULL,
    PRIMARY KEY (order_sn, goods_id),
    KEY idx_order_line_goods (goods_id)
) ENGINE = InnoDB;

-- A3: one row per order number, inserted first by the creating transaction (owner CREATE) or by whoever decides
-- about the order's stock without it (owner CHECK: a check-back, the reconciliation). Whoever inserts first wins;
-- the other waits on the unique key while the first runs and then sees a duplicate.
CREATE TABLE order_fence (
    order_sn   VARCHAR(64) NOT NULL,
    owner      VARCHAR(8)  NOT NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (order_sn)
) ENGINE = InnoDB;
