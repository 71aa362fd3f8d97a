-- The product catalogue. Money is DECIMAL(12,2), never a float.
-- Valid on MySQL 8.4 and MariaDB 10.11/11.4 alike.
CREATE TABLE goods (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    name       VARCHAR(200)  NOT NULL,
    price      DECIMAL(12,2) NOT NULL,
    image_url  VARCHAR(1024) NULL,
    on_sale    BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at DATETIME(6)   NOT NULL,
    updated_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT goods_price_not_negative CHECK (price >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
