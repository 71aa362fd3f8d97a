package dev.orderplatform.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the virtual users did, as the verdict needs it: every order they created (with its owner's token, to read it
 * back), and counts of every outcome. Thread-safe: users record from Gatling's threads.
 */
final class Ledger {

    /** What a user meant to do with the order, and what became of it as far as the load saw. */
    enum Intent {
        PAY,
        ABANDON
    }

    static final class OrderRecord {
        final String orderSn;
        final String userToken;
        final Intent intent;
        final long createdAtMillis;
        volatile boolean paid;
        volatile String lastStatus = "WAIT_BUYER_PAY";
        volatile long closedAtMillis;

        OrderRecord(String orderSn, String userToken, Intent intent, long createdAtMillis) {
            this.orderSn = orderSn;
            this.userToken = userToken;
            this.intent = intent;
            this.createdAtMillis = createdAtMillis;
        }
    }

    private final Map<String, OrderRecord> orders = new ConcurrentHashMap<>();
    final LongAdder attempted = new LongAdder();
    final LongAdder created = new LongAdder();
    final LongAdder refusedForStock = new LongAdder();
    /** 5xx, timeouts, connection errors on create: the order may or may not exist (the audit covers it). */
    final LongAdder createFailed = new LongAdder();

    final LongAdder paid = new LongAdder();
    /** Payment refused because the timeout closed the order first (A7: exactly one wins). */
    final LongAdder payLostToTimeout = new LongAdder();

    final LongAdder payFailed = new LongAdder();
    final LongAdder abandoned = new LongAdder();
    /** The last moment an order may have been created (success or unknown outcome), for the timeout wait. */
    private final AtomicLong lastCreateAttemptMillis = new AtomicLong();

    void createAttempted() {
        attempted.increment();
        lastCreateAttemptMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
    }

    void created(String orderSn, String userToken, Intent intent) {
        created.increment();
        orders.put(orderSn, new OrderRecord(orderSn, userToken, intent, System.currentTimeMillis()));
        if (intent == Intent.ABANDON) {
            abandoned.increment();
        }
    }

    void paid(String orderSn) {
        paid.increment();
        OrderRecord order = orders.get(orderSn);
        if (order != null) {
            order.paid = true;
            order.lastStatus = "TRADE_SUCCESS";
        }
    }

    void payLostToTimeout(String orderSn) {
        payLostToTimeout.increment();
        OrderRecord order = orders.get(orderSn);
        if (order != null) {
            order.lastStatus = "TRADE_CLOSED";
        }
    }

    long lastCreateAttemptMillis() {
        return lastCreateAttemptMillis.get();
    }

    /** Orders that are not known to be paid: they must end closed by the timeout. */
    List<OrderRecord> unpaidOrders() {
        List<OrderRecord> unpaid = new ArrayList<>();
        for (OrderRecord order : orders.values()) {
            if (!order.paid) {
                unpaid.add(order);
            }
        }
        return unpaid;
    }

    /** Final statuses as read back from the order service, counted. */
    Map<String, Long> statusCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (OrderRecord order : orders.values()) {
            counts.merge(order.lastStatus, 1L, Long::sum);
        }
        return counts;
    }

    int orderCount() {
        return orders.size();
    }
}
