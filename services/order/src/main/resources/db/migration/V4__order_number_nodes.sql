-- Order numbers are unique by construction (OrderNumbers): every order process leases a node number here when it
-- starts numbering, and counts within it. Rows are never deleted, so no id is handed out twice.
CREATE TABLE order_number_node (
    node_id   BIGINT       NOT NULL AUTO_INCREMENT,
    -- pid@host of the process that leased it (for people only)
    holder    VARCHAR(255) NOT NULL,
    leased_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (node_id)
) ENGINE = InnoDB;
