-- Stock per goods. Never negative (A10): the application decrements with one conditional UPDATE,
-- and the CHECK constraint is the last line of defence (enforced by MySQL >= 8.0.16 and MariaDB >= 10.2).
CREATE TABLE stock (
    goods_id   BIGINT      NOT NULL,
    stock      INT         NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (goods_id),
    CONSTRAINT ck_stock_not_negative CHECK (stock >= 0)
) ENGINE = InnoDB;

-- One record per order number (the unique key serialises duplicate Sells and races between a Sell and a return).
-- DEDUCTED: the order's stock is taken; RETURNED: it was given back, or a tombstone written by a return that came
-- before any Sell (A4, then without items).
CREATE TABLE sell_record (
    order_sn   VARCHAR(64) NOT NULL,
    status     VARCHAR(16) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (order_sn),
    CONSTRAINT ck_sell_record_status CHECK (status IN ('DEDUCTED', 'RETURNED'))
) ENGINE = InnoDB;

CREATE INDEX ix_sell_record_status_order_sn ON sell_record (status, order_sn);

CREATE TABLE sell_record_item (
    order_sn VARCHAR(64) NOT NULL,
    goods_id BIGINT      NOT NULL,
    quantity INT         NOT NULL,
    PRIMARY KEY (order_sn, goods_id),
    CONSTRAINT fk_sell_record_item_record FOREIGN KEY (order_sn) REFERENCES sell_record (order_sn),
    CONSTRAINT ck_sell_record_item_quantity CHECK (quantity > 0)
) ENGINE = InnoDB;

CREATE INDEX ix_sell_record_item_goods ON sell_record_item (goods_id);

-- Messages the order_reback consumer could not understand: acknowledged (not retried forever) and kept here for an
-- operator instead of being dropped.
CREATE TABLE parked_message (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    message_id     VARCHAR(128)  NOT NULL,
    topic          VARCHAR(255)  NOT NULL,
    message_key    VARCHAR(512)  NULL,
    body           MEDIUMBLOB    NULL,
    reason         VARCHAR(1000) NOT NULL,
    reconsume_times INT          NOT NULL,
    parked_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_parked_message_message_id UNIQUE (message_id)
) ENGINE = InnoDB;
