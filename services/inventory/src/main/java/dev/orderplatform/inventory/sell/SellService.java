package dev.orderplatform.inventory.sell;

import dev.orderplatform.inventory.Timestamps;
import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.problem.ErrorCodes;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory side of the order protocol (docs/protocol.md), in one place:
 * <ul>
 * <li>{@link #sell}: deduct all items of one order or none, once per order number, refused after a return or when
 * the number is taken by other items;</li>
 * <li>{@link #returnStock}: give an order's stock back exactly once, or leave a tombstone when nothing was deducted.</li>
 * </ul>
 * Both are one local transaction each. The sell record's unique order number serialises everything that concerns
 * one order (duplicate Sells, a Sell racing its return, duplicate returns); the stock row is only ever changed by a
 * single conditional UPDATE. There is no lock service and no read-modify-write.
 * <p>
 * Transactions run at READ COMMITTED: every decision is taken by a conditional write or a locking read, which see
 * the latest committed row at any isolation level, and READ COMMITTED takes no gap locks (fewer deadlocks between
 * inserts of neighbouring order numbers). Deadlocks that still happen roll the whole transaction back and it is
 * run again (at most {@value #ATTEMPTS} times): both operations are idempotent, so a rerun is always safe.
 */
@Service
public class SellService {

    public static final int MAX_ORDER_SN_LENGTH = 64;
    static final int ATTEMPTS = 3;
    public static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private static final Logger log = LoggerFactory.getLogger(SellService.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SellRecordRepository records;
    private final MeterRegistry meters;

    public SellService(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            SellRecordRepository records,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.records = records;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sell

    /**
     * Deducts the stock of every item of the order, or nothing.
     *
     * @throws ApiProblem (400, VALIDATION_FAILED) for a blank or too long order number, no items, a quantity below 1
     *         or a goods id below 1: definite, nothing deducted
     * @throws org.springframework.dao.DataAccessException when the database fails: the outcome is unknown (A2)
     */
    public SellResult sell(String orderSn, List<SellRecordItem> requested) {
        List<SellRecordItem> items = validated(orderSn, requested);
        SellResult result = withDeadlockRetry(() -> transaction.execute(tx -> {
            Instant now = Timestamps.now();
            // The record comes first: its unique key makes a duplicate Sell, or a Sell racing a return for the same
            // order, wait here for the other transaction and then see its committed outcome.
            try {
                jdbc.update(
                        "INSERT INTO sell_record (order_sn, status, created_at, updated_at) VALUES (?, ?, ?, ?)",
                        orderSn,
                        SellStatus.DEDUCTED.name(),
                        Timestamps.sql(now),
                        Timestamps.sql(now));
            } catch (DuplicateKeyException exists) {
                SellStatus status = lockStatus(orderSn)
                        .orElseThrow(() -> new ConcurrencyFailureException("Sell record " + orderSn + " vanished"));
                if (status == SellStatus.DEDUCTED) {
                    // A6: a retried Sell answers what the first one did and deducts nothing more. Only a retry, though:
                    // other items mean another order under a taken number, and answering DEDUCTED would let it live
                    // on this order's stock (and its failure return this order's stock).
                    if (!deductedItems(orderSn).equals(items)) {
                        log.warn("Sell for order {} repeated with other items {}: refused", orderSn, items);
                        return SellResult.orderSnConflict();
                    }
                    return SellResult.deducted(true);
                }
                // A4: the return was consumed first (or the order was already returned): the tombstone refuses it.
                return SellResult.alreadyReturned();
            }
            // Ascending goods ids: two orders sharing goods lock their stock rows in the same order (no deadlock).
            for (SellRecordItem item : items) {
                // A10: one conditional decrement; the row lock it takes serialises concurrent Sells of this goods,
                // and a Sell that would drive the stock below zero changes nothing.
                int changed = jdbc.update(
                        "UPDATE stock SET stock = stock - ?, updated_at = ? " + "WHERE goods_id = ? AND stock >= ?",
                        item.quantity(),
                        Timestamps.sql(now),
                        item.goodsId(),
                        item.quantity());
                if (changed == 0) {
                    // All or nothing: the record and any earlier decrements are rolled back.
                    tx.setRollbackOnly();
                    return null;
                }
            }
            jdbc.batchUpdate(
                    "INSERT INTO sell_record_item (order_sn, goods_id, quantity) VALUES (?, ?, ?)",
                    items,
                    items.size(),
                    (statement, item) -> {
                        statement.setString(1, orderSn);
                        statement.setLong(2, item.goodsId());
                        statement.setInt(3, item.quantity());
                    });
            return SellResult.deducted(false);
        }));
        if (result == null) {
            result = refusal(items);
        }
        count(result);
        return result;
    }

    /** Why a decrement found no row to change, read after the rollback (only to name the goods in the answer). */
    private SellResult refusal(List<SellRecordItem> items) {
        Map<Long, Integer> stockByGoods = new HashMap<>();
        jdbc.query(
                "SELECT goods_id, stock FROM stock WHERE goods_id IN (" + placeholders(items.size()) + ")",
                (ResultSet row) -> {
                    stockByGoods.put(row.getLong(1), row.getInt(2));
                },
                items.stream().map(SellRecordItem::goodsId).toArray());
        List<Long> unknown = new ArrayList<>();
        List<Long> insufficient = new ArrayList<>();
        for (SellRecordItem item : items) {
            Integer stock = stockByGoods.get(item.goodsId());
            if (stock == null) {
                unknown.add(item.goodsId());
            } else if (stock < item.quantity()) {
                insufficient.add(item.goodsId());
            }
        }
        if (!unknown.isEmpty()) {
            return new SellResult(SellResult.Outcome.UNKNOWN_GOODS, false, insufficient, unknown);
        }
        if (insufficient.isEmpty()) {
            // Restocked between the refused decrement and this read: the decrement still failed, for lack of stock.
            insufficient = items.stream().map(SellRecordItem::goodsId).toList();
        }
        return new SellResult(SellResult.Outcome.INSUFFICIENT_STOCK, false, insufficient, List.of());
    }

    /** The items of a sell record, by goods id (the record is locked or changed by the caller's transaction). */
    private List<SellRecordItem> deductedItems(String orderSn) {
        return jdbc.query(
                "SELECT goods_id, quantity FROM sell_record_item WHERE order_sn = ? ORDER BY goods_id",
                (row, n) -> new SellRecordItem(row.getLong(1), row.getInt(2)),
                orderSn);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Return (the order_reback consumer)

    /**
     * Gives the order's stock back if it is deducted; leaves a RETURNED tombstone if the order has no record; does
     * nothing if it is already returned. Safe to call any number of times, in any order relative to the Sell.
     *
     * @throws org.springframework.dao.DataAccessException when the database fails: the message must be redelivered
     */
    public ReturnResult returnStock(String orderSn) {
        if (orderSn == null || orderSn.isBlank() || orderSn.length() > MAX_ORDER_SN_LENGTH) {
            throw ApiProblem.badRequest(
                    ErrorCodes.VALIDATION_FAILED,
                    "order_sn must be 1.." + MAX_ORDER_SN_LENGTH + " characters and not blank");
        }
        ReturnResult result = withDeadlockRetry(() -> transaction.execute(tx -> returnOnce(orderSn)));
        meters.counter("inventory.returns", "result", result.name().toLowerCase(Locale.ROOT))
                .increment();
        return result;
    }

    private ReturnResult returnOnce(String orderSn) {
        Instant now = Timestamps.now();
        // Two rounds: a Sell (or another return) may write the record between our checks; it is then committed and
        // the second round sees it.
        for (int round = 1; round <= 2; round++) {
            // A5: the one conditional state change per order. Of any number of deliveries of the return, exactly
            // one changes DEDUCTED to RETURNED, and only that one adds the stock back, in this same transaction.
            int changed = jdbc.update(
                    "UPDATE sell_record SET status = ?, updated_at = ? " + "WHERE order_sn = ? AND status = ?",
                    SellStatus.RETURNED.name(),
                    Timestamps.sql(now),
                    orderSn,
                    SellStatus.DEDUCTED.name());
            if (changed == 1) {
                for (SellRecordItem item : deductedItems(orderSn)) {
                    // One conditional increment per goods, in ascending goods order like Sell. The row exists unless
                    // someone deleted it by hand; then it is recreated with the returned quantity.
                    jdbc.update(
                            "INSERT INTO stock (goods_id, stock, updated_at) VALUES (?, ?, ?) "
                                    + "ON DUPLICATE KEY UPDATE stock = stock + ?, updated_at = ?",
                            item.goodsId(),
                            item.quantity(),
                            Timestamps.sql(now),
                            item.quantity(),
                            Timestamps.sql(now));
                }
                return ReturnResult.RETURNED;
            }
            Optional<SellStatus> status = lockStatus(orderSn);
            if (status.isEmpty()) {
                try {
                    // A4: the return came before the Sell (or the Sell never happened): the tombstone makes a late
                    // Sell for this order answer ALREADY_RETURNED instead of deducting stock nobody will return.
                    jdbc.update(
                            "INSERT INTO sell_record (order_sn, status, created_at, updated_at) "
                                    + "VALUES (?, ?, ?, ?)",
                            orderSn,
                            SellStatus.RETURNED.name(),
                            Timestamps.sql(now),
                            Timestamps.sql(now));
                    return ReturnResult.TOMBSTONE;
                } catch (DuplicateKeyException raced) {
                    log.debug("Sell record {} was written concurrently; deciding again", orderSn);
                    continue;
                }
            }
            if (status.get() == SellStatus.RETURNED) {
                // A5: a duplicate or redelivered message (or a second return of a closed order): nothing to do.
                return ReturnResult.DUPLICATE;
            }
            // DEDUCTED, committed between our UPDATE and our read: decide again.
        }
        throw new ConcurrencyFailureException("Sell record " + orderSn + " kept changing while returning it");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reads

    public Optional<SellRecord> find(String orderSn) {
        if (orderSn == null || orderSn.isBlank() || orderSn.length() > MAX_ORDER_SN_LENGTH) {
            return Optional.empty();
        }
        return records.findById(orderSn);
    }

    public SellRecord get(String orderSn) {
        return find(orderSn)
                .orElseThrow(() ->
                        ApiProblem.notFound(SellErrors.SELL_RECORD_NOT_FOUND, "No sell record for order " + orderSn));
    }

    /**
     * A page of sell records in ascending order-number order (keyset paging: pass the last order number of a page
     * as {@code afterOrderSn} to get the next one).
     *
     * @param status only records in this status; null for all
     * @param createdBefore only records created before this instant; null for no bound
     * @param afterOrderSn only records whose order number sorts after this one; null or empty for the first page
     * @param pageSize 1..1000, or 0 for 100
     * @param unsettledOnly only records that are not {@link #settle settled}
     */
    public List<SellRecord> list(
            SellStatus status, Instant createdBefore, String afterOrderSn, int pageSize, boolean unsettledOnly) {
        pageSize = pageSize(pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize, "page size");
        StringBuilder where = new StringBuilder("order_sn > ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(afterOrderSn == null ? "" : afterOrderSn);
        if (status != null) {
            where.append(" AND status = ?");
            arguments.add(status.name());
        }
        if (unsettledOnly) {
            where.append(" AND settled = FALSE");
        }
        if (createdBefore != null) {
            where.append(" AND created_at < ?");
            arguments.add(Timestamps.sql(createdBefore));
        }
        arguments.add(pageSize);
        return query(where + " ORDER BY order_sn LIMIT ?", arguments);
    }

    /** The records of these order numbers (at most 1000), in ascending order-number order; unknown numbers skipped. */
    public List<SellRecord> findAll(List<String> orderSns) {
        if (pageSize(orderSns.size(), "number of order numbers") == 0) {
            return List.of();
        }
        return query("order_sn IN (" + placeholders(orderSns.size()) + ")", List.copyOf(orderSns));
    }

    /**
     * Marks the DEDUCTED records of these order numbers (at most 1000) settled. Only for paid orders: a paid order
     * keeps its stock for good (docs/protocol.md, the decision rule), so its record needs no reconciliation.
     * Not a protocol state change: a settled record is still DEDUCTED, and returned like any other if it ever were.
     *
     * @return how many records this call marked
     */
    public int settle(List<String> orderSns) {
        if (pageSize(orderSns.size(), "number of order numbers") == 0) {
            return 0;
        }
        List<Object> arguments = new ArrayList<>(orderSns);
        arguments.add(SellStatus.DEDUCTED.name());
        // A transaction even for one statement: the pool's connections do not commit by themselves.
        return transaction.execute(tx -> jdbc.update(
                "UPDATE sell_record SET settled = TRUE WHERE order_sn IN (" + placeholders(orderSns.size())
                        + ") AND status = ? AND settled = FALSE",
                arguments.toArray()));
    }

    /** Records (with their items) whose row matches {@code condition}, in ascending order-number order. */
    private List<SellRecord> query(String condition, List<Object> arguments) {
        String sql = "SELECT r.order_sn, r.status, r.settled, r.created_at, r.updated_at, i.goods_id, i.quantity "
                + "FROM (SELECT order_sn, status, settled, created_at, updated_at FROM sell_record WHERE " + condition
                + ") r LEFT JOIN sell_record_item i ON i.order_sn = r.order_sn ORDER BY r.order_sn, i.goods_id";
        Map<String, SellRecord> page = new LinkedHashMap<>();
        jdbc.query(
                sql,
                (ResultSet row) -> {
                    String orderSn = row.getString(1);
                    SellRecord record = page.computeIfAbsent(orderSn, sn -> record(sn, row));
                    long goodsId = row.getLong(6);
                    if (!row.wasNull()) {
                        record.items().add(new SellRecordItem(goodsId, row.getInt(7)));
                    }
                },
                arguments.toArray());
        return List.copyOf(page.values());
    }

    private static int pageSize(int size, String what) {
        if (size < 0 || size > MAX_PAGE_SIZE) {
            throw ApiProblem.badRequest(
                    ErrorCodes.VALIDATION_FAILED, what + " must be 0.." + MAX_PAGE_SIZE + ", was " + size);
        }
        return size;
    }

    private static SellRecord record(String orderSn, ResultSet row) {
        try {
            return new SellRecord(
                    orderSn,
                    SellStatus.valueOf(row.getString(2)),
                    row.getBoolean(3),
                    Timestamps.instant(row.getTimestamp(4)),
                    Timestamps.instant(row.getTimestamp(5)),
                    new java.util.LinkedHashSet<>());
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The record's status, read with a shared lock: the latest committed state, held until our commit. */
    private Optional<SellStatus> lockStatus(String orderSn) {
        return jdbc
                .query(
                        "SELECT status FROM sell_record WHERE order_sn = ? LOCK IN SHARE MODE",
                        (row, n) -> SellStatus.valueOf(row.getString(1)),
                        orderSn)
                .stream()
                .findFirst();
    }

    /** Checks the request and merges duplicate goods ids; the result is sorted by goods id. */
    private static List<SellRecordItem> validated(String orderSn, List<SellRecordItem> requested) {
        if (orderSn == null || orderSn.isBlank()) {
            throw ApiProblem.badRequest(ErrorCodes.VALIDATION_FAILED, "order_sn must not be blank");
        }
        if (orderSn.length() > MAX_ORDER_SN_LENGTH) {
            throw ApiProblem.badRequest(
                    ErrorCodes.VALIDATION_FAILED, "order_sn must be at most " + MAX_ORDER_SN_LENGTH + " characters");
        }
        if (requested == null || requested.isEmpty()) {
            throw ApiProblem.badRequest(ErrorCodes.VALIDATION_FAILED, "a Sell needs at least one item");
        }
        TreeMap<Long, Integer> merged = new TreeMap<>();
        for (SellRecordItem item : requested) {
            if (item.goodsId() < 1) {
                throw ApiProblem.badRequest(
                        ErrorCodes.VALIDATION_FAILED, "goods id must be positive, was " + item.goodsId());
            }
            if (item.quantity() < 1) {
                throw ApiProblem.badRequest(
                        ErrorCodes.VALIDATION_FAILED,
                        "quantity of goods " + item.goodsId() + " must be at least 1, was " + item.quantity());
            }
            try {
                merged.merge(item.goodsId(), item.quantity(), Math::addExact);
            } catch (ArithmeticException overflow) {
                throw ApiProblem.badRequest(
                        ErrorCodes.VALIDATION_FAILED, "quantity of goods " + item.goodsId() + " is too large");
            }
        }
        return merged.entrySet().stream()
                .map(e -> new SellRecordItem(e.getKey(), e.getValue()))
                .toList();
    }

    /** Runs a whole transaction again when the database chose it as a deadlock victim or a lock wait timed out. */
    private static <T> T withDeadlockRetry(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (ConcurrencyFailureException failure) { // deadlocks and lock wait timeouts included
                if (attempt >= ATTEMPTS) {
                    throw failure;
                }
                log.debug("Transaction attempt {} failed ({}); running it again", attempt, failure.getMessage());
                try {
                    Thread.sleep(5L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    private void count(SellResult result) {
        String outcome =
                result.replayed() ? "deducted_again" : result.outcome().name().toLowerCase(Locale.ROOT);
        meters.counter("inventory.sells", "outcome", outcome).increment();
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
