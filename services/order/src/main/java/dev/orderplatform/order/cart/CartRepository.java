package dev.orderplatform.order.cart;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code cart_item} table: one row per user and goods. */
@Repository
public class CartRepository {

    private final JdbcClient jdbc;

    public CartRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sets the quantity (and the selection, when given) of a goods in the cart, adding it when absent; true when the
     * item is new. One upsert: the driver reports 1 for an insert and 2 for an update that changed the row, and
     * {@code updated_at} moves forward by at least a millisecond on every update, so an update always changes the
     * row (an unchanged one would report 1, like an insert).
     */
    public boolean put(String userId, long goodsId, int quantity, Boolean selected) {
        Timestamp now = Timestamp.from(Instant.now());
        int affected = jdbc.sql("INSERT INTO cart_item (user_id, goods_id, quantity, selected, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE quantity = VALUES(quantity),"
                        + " selected = COALESCE(?, selected),"
                        + " updated_at = GREATEST(VALUES(updated_at), updated_at + INTERVAL 1000 MICROSECOND)")
                .params(userId, goodsId, quantity, selected == null || selected, now, now, selected)
                .update();
        return affected == 1;
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

    /**
     * The user's cart, in the order the goods were added. Sorted here: the primary key (user, goods) does not give
     * that order, and the database would sort every read in a filesort of its own (issue 11).
     */
    public List<CartItem> items(String userId) {
        record Added(CartItem item, Timestamp at) {}
        return jdbc
                .sql("SELECT user_id, goods_id, quantity, selected, created_at FROM cart_item WHERE user_id = ?")
                .param(userId)
                .query((rs, n) -> new Added(
                        new CartItem(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getBoolean(4)),
                        rs.getTimestamp(5)))
                .list()
                .stream()
                .sorted(Comparator.comparing(Added::at)
                        .thenComparingLong(added -> added.item().goodsId()))
                .map(Added::item)
                .toList();
    }

    public List<CartItem> selectedItems(String userId) {
        return items(userId).stream().filter(CartItem::selected).toList();
    }
}
