package dev.orderplatform.order.protocol;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code order_fence} table (A3): one row per order number, claimed by the creating transaction (CREATE) or by a
 * decision taken without it (CHECK). An insert waits while another transaction holds the uncommitted row.
 */
@Repository
class OrderFence {

    enum Owner {
        CREATE,
        CHECK
    }

    private final JdbcClient jdbc;

    OrderFence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the fence row; false when it already exists (committed by someone else). Call inside a transaction. */
    boolean claim(String orderSn, Owner owner) {
        try {
            jdbc.sql("INSERT INTO order_fence (order_sn, owner, created_at) VALUES (?, ?, ?)")
                    .params(orderSn, owner.name(), Timestamp.from(Instant.now()))
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }
}
