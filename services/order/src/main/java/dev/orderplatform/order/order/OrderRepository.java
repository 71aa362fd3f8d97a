package dev.orderplatform.order.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code orders} and {@code order_line} tables. Status changes are compare-and-set updates (A7); the protocol's
 * locking read is {@link #statusForUpdate}.
 */
@Repository
public class OrderRepository {

    private static final String ORDER_COLUMNS = "order_sn, user_id, status, total, address, signer_name, signer_mobile,"
            + " created_at, updated_at, paid_at, closed_at, pay_deadline";

    private static final List<String> LIVE = Arrays.stream(OrderStatus.values())
            .filter(OrderStatus::isLive)
            .map(OrderStatus::name)
            .toList();

    private final JdbcClient jdbc;

    public OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Order order) {
        jdbc.sql("INSERT INTO orders (" + ORDER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        order.orderSn(),
                        order.userId(),
                        order.status().name(),
                        order.total(),
                        order.address(),
                        order.signerName(),
                        order.signerMobile(),
                        ts(order.createdAt()),
                        ts(order.updatedAt()),
                        ts(order.paidAt()),
                        ts(order.closedAt()),
                        ts(order.payDeadline()))
                .update();
        for (OrderLine line : order.lines()) {
            jdbc.sql("INSERT INTO order_line (order_sn, goods_id, goods_name, price, quantity) VALUES (?, ?, ?, ?, ?)")
                    .params(order.orderSn(), line.goodsId(), line.goodsName(), line.price(), line.quantity())
                    .update();
        }
    }

    /** Plain (non-locking) read of an order's status. */
    public Optional<OrderStatus> status(String orderSn) {
        return jdbc.sql("SELECT status FROM orders WHERE order_sn = ?")
                .param(orderSn)
                .query((rs, n) -> OrderStatus.valueOf(rs.getString(1)))
                .optional();
    }

    /**
     * Locking read of an order's status: waits for a running transaction that created, closed or paid the order, and
     * keeps the row from changing until the caller's transaction ends (A3).
     */
    public Optional<OrderStatus> statusForUpdate(String orderSn) {
        return jdbc.sql("SELECT status FROM orders WHERE order_sn = ? FOR UPDATE")
                .param(orderSn)
                .query((rs, n) -> OrderStatus.valueOf(rs.getString(1)))
                .optional();
    }

    /** A7: WAIT_BUYER_PAY -> TRADE_CLOSED, or nothing; true when this call closed the order. */
    public boolean closeIfWaiting(String orderSn, Instant now) {
        return jdbc.sql("UPDATE orders SET status = 'TRADE_CLOSED', closed_at = ?, updated_at = ?"
                                + " WHERE order_sn = ? AND status = 'WAIT_BUYER_PAY'")
                        .params(ts(now), ts(now), orderSn)
                        .update()
                == 1;
    }

    /**
     * A7: WAIT_BUYER_PAY -> TRADE_SUCCESS for the user's own order before its payment deadline, or nothing; true when
     * this call paid it. Past the deadline the order stays as it is until its timeout (or the sweeper) closes it.
     */
    public boolean payIfWaiting(String orderSn, String userId, Instant now) {
        return jdbc.sql(
                                "UPDATE orders SET status = 'TRADE_SUCCESS', paid_at = ?, updated_at = ?"
                                        + " WHERE order_sn = ? AND user_id = ? AND status = 'WAIT_BUYER_PAY' AND pay_deadline > ?")
                        .params(ts(now), ts(now), orderSn, userId, ts(now))
                        .update()
                == 1;
    }

    /**
     * Orders waiting for payment with a deadline before {@code dueBefore}, in deadline order, the first {@code limit}
     * after {@code after} (keyset paging). Cheap: a range of the index (status, pay_deadline).
     */
    public List<Overdue> overdue(Instant dueBefore, Overdue after, int limit) {
        return jdbc.sql("SELECT order_sn, pay_deadline FROM orders WHERE status = 'WAIT_BUYER_PAY' AND pay_deadline < ?"
                        + " AND (pay_deadline > ? OR (pay_deadline = ? AND order_sn > ?))"
                        + " ORDER BY pay_deadline, order_sn LIMIT ?")
                .params(ts(dueBefore), ts(after.payDeadline()), ts(after.payDeadline()), after.orderSn(), limit)
                .query((rs, n) -> new Overdue(rs.getString(1), instant(rs.getTimestamp(2))))
                .list();
    }

    /** An order past its payment deadline, as {@link #overdue} finds it. */
    public record Overdue(String orderSn, Instant payDeadline) {
        /** Before every order: where {@link #overdue} paging starts. */
        public static final Overdue FIRST = new Overdue("", Instant.EPOCH);
    }

    /** The order's payment deadline; empty when there is no such order. */
    public Optional<Instant> payDeadline(String orderSn) {
        return jdbc.sql("SELECT pay_deadline FROM orders WHERE order_sn = ?")
                .param(orderSn)
                .query((rs, n) -> instant(rs.getTimestamp(1)))
                .optional();
    }

    /**
     * The order with its lines, in one round trip: a row per line, each repeating the order's columns. The lines are
     * sorted here: ordered by a column of the joined table, the database would build a temporary table and sort it for
     * every read (issue 11).
     */
    public Optional<Order> find(String orderSn) {
        return jdbc.sql("SELECT " + ORDER_COLUMNS + ", goods_id, goods_name, price, quantity"
                        + " FROM orders LEFT JOIN order_line USING (order_sn) WHERE order_sn = ?")
                .param(orderSn)
                .query(rs -> {
                    if (!rs.next()) {
                        return Optional.<Order>empty();
                    }
                    Order order = order(rs, 0);
                    List<OrderLine> lines = new ArrayList<>();
                    do {
                        rs.getLong("goods_id");
                        if (!rs.wasNull()) { // the one row of an order without lines has none
                            lines.add(line(rs));
                        }
                    } while (rs.next());
                    lines.sort(Comparator.comparingLong(OrderLine::goodsId));
                    return Optional.of(order.withLines(lines));
                });
    }

    /** The user's orders, newest first. */
    public List<Order> pageOfUser(String userId, int offset, int size) {
        List<Order> orders = jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE user_id = ?"
                        + " ORDER BY created_at DESC, order_sn DESC LIMIT ? OFFSET ?")
                .params(userId, size, offset)
                .query(OrderRepository::order)
                .list();
        return withLines(orders);
    }

    public long countOfUser(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM orders WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    /** How many orders, and of them live ones, have a line of one of {@code goodsIds} (all orders when empty). */
    public OrderCount count(Collection<Long> goodsIds) {
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(status IN (:live)), 0) FROM orders o" + withGoods(goodsIds))
                .param("live", LIVE)
                .param("goods", goodsIds)
                .query((rs, n) -> new OrderCount(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    public record OrderCount(long orders, long live) {}

    /**
     * A page of live orders (with lines) that have a line of one of {@code goodsIds} (any order when empty), by order
     * number after {@code afterOrderSn} (keyset paging; empty for the first page).
     */
    public List<Order> liveOrders(Collection<Long> goodsIds, String afterOrderSn, int limit) {
        return withLines(jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders o" + withGoods(goodsIds)
                        + (goodsIds.isEmpty() ? " WHERE" : " AND") + " o.order_sn > :after AND o.status IN (:live)"
                        + " ORDER BY o.order_sn LIMIT :limit")
                .param("goods", goodsIds)
                .param("after", afterOrderSn)
                .param("live", LIVE)
                .param("limit", limit)
                .query(OrderRepository::order)
                .list());
    }

    /** Every goods id that some order line names. */
    public List<Long> orderedGoods() {
        return jdbc.sql("SELECT DISTINCT goods_id FROM order_line ORDER BY goods_id")
                .query(Long.class)
                .list();
    }

    private static String withGoods(Collection<Long> goodsIds) {
        return goodsIds.isEmpty()
                ? ""
                : " WHERE EXISTS (SELECT 1 FROM order_line l WHERE l.order_sn = o.order_sn AND l.goods_id IN (:goods))";
    }

    /** Orders by number (with lines); numbers that have no order are absent from the map. */
    public Map<String, Order> findAll(Collection<String> orderSns) {
        Map<String, Order> found = new LinkedHashMap<>();
        if (orderSns.isEmpty()) {
            return found;
        }
        List<Order> orders = jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE order_sn IN (:sns)")
                .param("sns", orderSns)
                .query(OrderRepository::order)
                .list();
        withLines(orders).forEach(order -> found.put(order.orderSn(), order));
        return found;
    }

    private List<Order> withLines(List<Order> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        List<Order> complete = new ArrayList<>(orders.size());
        for (int from = 0; from < orders.size(); from += 500) {
            List<Order> chunk = orders.subList(from, Math.min(orders.size(), from + 500));
            Map<String, List<OrderLine>> lines =
                    lines(chunk.stream().map(Order::orderSn).toList());
            chunk.forEach(order -> complete.add(order.withLines(lines.getOrDefault(order.orderSn(), List.of()))));
        }
        return complete;
    }

    private Map<String, List<OrderLine>> lines(Collection<String> orderSns) {
        Map<String, List<OrderLine>> lines = new LinkedHashMap<>();
        jdbc.sql("SELECT order_sn, goods_id, goods_name, price, quantity FROM order_line WHERE order_sn IN (:sns)"
                        + " ORDER BY order_sn, goods_id")
                .param("sns", orderSns)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getString("order_sn"), sn -> new ArrayList<>())
                            .add(line(rs));
                });
        return lines;
    }

    private static OrderLine line(ResultSet rs) throws SQLException {
        return new OrderLine(
                rs.getLong("goods_id"), rs.getString("goods_name"), rs.getBigDecimal("price"), rs.getInt("quantity"));
    }

    private static Order order(ResultSet rs, int rowNum) throws SQLException {
        BigDecimal total = rs.getBigDecimal("total");
        return new Order(
                rs.getString("order_sn"),
                rs.getString("user_id"),
                OrderStatus.valueOf(rs.getString("status")),
                total,
                rs.getString("address"),
                rs.getString("signer_name"),
                rs.getString("signer_mobile"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("paid_at")),
                instant(rs.getTimestamp("closed_at")),
                instant(rs.getTimestamp("pay_deadline")),
                List.of());
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
