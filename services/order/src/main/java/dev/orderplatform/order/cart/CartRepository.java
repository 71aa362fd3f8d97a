package dev.orderplatform.order.cart;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code cart_item} table: one row per user and goods. */
@Repository
public class CartRepository {

    private final JdbcClient jdbc;

    public CartRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets the quantity (and the selection, when given) of a goods in the cart; true when the item is new. */
    public boolean put(String userId, long goodsId, int quantity, Boolean selected) {
        if (update(userId, goodsId, quantity, selected)) {
            return false;
        }
        try {
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.sql("INSERT INTO cart_item (user_id, goods_id, quantity, selected, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(userId, goodsId, quantity, selected == null || selected, now, now)
                    .update();
            return true;
        } catch (DuplicateKeyException concurrentlyAdded) {
            update(userId, goodsId, quantity, selected);
            return false;
        }
    }

    /** Changes the quantity and/or the selection of an item; false when the cart has no such item. */
    public boolean update(String userId, long goodsId, Integer quantity, Boolean selected) {
        return jdbc.sql("UPDATE cart_item SET quantity = COALESCE(?, quantity), selected = COALESCE(?, selected),"
                                + " updated_at = ? WHERE user_id = ? AND goods_id = ?")
                        .params(quantity, selected, Timestamp.from(Instant.now()), userId, goodsId)
                        .update()
                > 0;
    }

    public boolean delete(String userId, long goodsId) {
        return jdbc.sql("DELETE FROM cart_item WHERE user_id = ? AND goods_id = ?")
                        .params(userId, goodsId)
                        .update()
                > 0;
    }

    /**
     * Claims the ordered items, part of the order's local transaction: deletes them as they were read (selected, same
     * quantity). False when any of them is gone or changed: ordered by a concurrent creation from the same cart (a
     * double submit; this delete waits on its row locks, then finds the rows gone) or edited meanwhile. The caller
     * then rolls back, which puts back what this call deleted.
     */
    public boolean claimOrdered(String userId, Map<Long, Integer> quantities) {
        List<Object[]> lines = quantities.entrySet().stream()
                .map(line -> new Object[] {line.getKey(), line.getValue()})
                .toList();
        int claimed = jdbc.sql("DELETE FROM cart_item WHERE user_id = :user AND selected = TRUE"
                        + " AND (goods_id, quantity) IN (:lines)")
                .param("user", userId)
                .param("lines", lines)
                .update();
        return claimed == quantities.size();
    }

    public List<CartItem> items(String userId) {
        return jdbc.sql("SELECT user_id, goods_id, quantity, selected FROM cart_item WHERE user_id = ?"
                        + " ORDER BY created_at, goods_id")
                .param(userId)
                .query((rs, n) -> new CartItem(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getBoolean(4)))
                .list();
    }

    public List<CartItem> selectedItems(String userId) {
        return items(userId).stream().filter(CartItem::selected).toList();
    }

    public long count(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM cart_item WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }
}
