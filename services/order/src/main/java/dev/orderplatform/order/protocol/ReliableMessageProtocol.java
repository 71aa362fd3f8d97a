package dev.orderplatform.order.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.orderplatform.contracts.Topics;
import dev.orderplatform.contracts.messaging.v1.OrderTimeoutDue;
import dev.orderplatform.contracts.messaging.v1.StockReturnRequested;
import dev.orderplatform.order.database.ProtocolTransactions;
import dev.orderplatform.order.order.Order;
import dev.orderplatform.order.order.OrderErrorCodes;
import dev.orderplatform.order.order.OrderRepository;
import dev.orderplatform.order.order.OrderStatus;
import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.tracing.OrderLogContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;

/**
 * The order protocol of docs/protocol.md, in one place.
 *
 * <p>Every stock return is a transactional ("half") message on {@code order_reback} that says "return the stock of
 * order X". Whether it is delivered is decided by ONE rule, wherever the decision is taken (the creating or closing
 * process, a check-back from the broker, the reconciliation):
 *
 * <blockquote><b>return the stock of order X iff order X does not exist (after fencing) or is closed; keep it iff the
 * order waits for payment or is paid.</b></blockquote>
 *
 * <p>"After fencing" (A3): whoever decides without being the creating transaction first inserts X's fence row; the
 * creating transaction inserted it first thing, so the insert waits while that transaction runs, and once the row is
 * ours the order can never be created any more. Then a locking read of the order's status waits for a running close
 * or payment. So a decision is never a guess about a transaction that may still commit.
 *
 * <p>Where each anomaly is handled: A1 {@link #checkLocalTransaction}; A2 {@link #createLocally} step 2 (outcomes
 * classified by {@link CreationSteps#deduct}); A3 {@link #decide}; A4 and A5 the inventory service (a tombstone, a
 * conditional DEDUCTED -> RETURNED), answered here by {@code SELL_OUTCOME_ALREADY_RETURNED}; A6 the order number sent with Sell; A7 {@link OrderRepository} compare-and-set
 * updates used by {@link #closeLocally} and payment; A8 {@link #closeIfUnpaid}; A9 {@link TransactionalProducer};
 * A10 the inventory's conditional decrement; A11 {@link #repair}. An order whose timer message is lost is closed by
 * the {@link dev.orderplatform.order.timeout.TimeoutSweeper} through {@link #closeIfUnpaid} all the same.
 */
public class ReliableMessageProtocol implements OrderProtocol, TransactionListener {

    /** User property of every return message: which part of the protocol sent it (logs and metrics only). */
    static final String KIND = "kind";

    enum Kind {
        CREATE,
        CLOSE,
        RECONCILE
    }

    private static final Logger log = LoggerFactory.getLogger(ReliableMessageProtocol.class);
    private static final int DECISION_ATTEMPTS = 3;

    private final TransactionalProducer producer;
    private final CreationSteps steps;
    private final OrderRepository orders;
    private final OrderFence fence;
    private final ProtocolTransactions transactions;
    private final ProtocolMetrics metrics;
    private final ProtocolHooks hooks;

    ReliableMessageProtocol(
            TransactionalProducer producer,
            CreationSteps steps,
            OrderRepository orders,
            OrderFence fence,
            ProtocolTransactions transactions,
            ProtocolMetrics metrics,
            ObjectProvider<ProtocolHooks> hooks) {
        this.producer = producer;
        this.steps = steps;
        this.orders = orders;
        this.fence = fence;
        this.transactions = transactions;
        this.metrics = metrics;
        this.hooks = hooks.getIfAvailable(() -> ProtocolHooks.NONE);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Creating an order: one half message "return the stock of X", sent BEFORE anything is deducted.
    // ------------------------------------------------------------------------------------------------------------

    @Override
    public Order create(NewOrder request) {
        // A9: the process's one producer; the listener runs createLocally in this thread.
        return create(request, producer::sendInTransaction);
    }

    /**
     * {@link #create(NewOrder)} with the half message sent by {@code sender}, which must run this listener's local
     * transaction in the calling thread ({@link ProducerPerRequestProtocol} sends it with a producer of its own).
     */
    Order create(NewOrder request, HalfMessageSender sender) {
        Creation creation = new Creation(steps.newOrderSn(), request);
        OrderLogContext.putForRequest(creation.orderSn); // the request's log lines from here on name the order
        hooks.beforeHalfMessage(
                request.userId(), creation.orderSn); // Double-submit window: the cart read, nothing sent.
        TransactionSendResult sent;
        try {
            sent = sender.send(returnMessage(creation.orderSn, "CREATE_FAILED", Kind.CREATE), creation);
        } catch (MQClientException | RuntimeException e) {
            sent = null;
            log.warn("Half message of order {} not sent: {}", creation.orderSn, e.toString());
        }
        if (creation.failure != null) {
            throw creation.failure;
        }
        if (creation.order == null && !creation.started) {
            // The half message was not stored, so the local transaction never ran: nothing was deducted.
            metrics.orderFailed("broker_unavailable");
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    OrderErrorCodes.DEPENDENCY_UNAVAILABLE,
                    "The order could not be started (message broker unavailable"
                            + (sent == null ? "" : ": " + sent.getSendStatus()) + "); nothing was charged.");
        }
        if (creation.order == null) {
            // The local transaction broke off unexpectedly (the producer answered UNKNOW for it): the stock may be
            // deducted and the order may exist. The broker's check-back decides under the fence.
            metrics.orderFailed("outcome_unknown");
            throw outcomeUnknown(creation.orderSn, "The order was interrupted after its stock may have been deducted");
        }
        sendTimer(creation.order);
        metrics.orderCreated();
        return creation.order;
    }

    /**
     * Step 5, after the commit and without holding any transaction (item 13: no connection nor fence lock waits for
     * the broker): the order's timer message, due at its payment deadline, which closes it if it is still unpaid. It
     * leaves from the producer's timer threads: the order is answered without waiting for the broker to store it.
     * Every committed order still gets closed if unpaid when this send fails or the process dies before it: the
     * {@link dev.orderplatform.order.timeout.TimeoutSweeper} closes every order left unpaid past its deadline. (Only
     * committed orders get a timer now; one for an order that never committed would find nothing: ABSENT.)
     */
    private void sendTimer(Order order) {
        try {
            producer.inBackground(() -> sendTimerNow(order));
        } catch (RuntimeException e) {
            timerNotSent(order, e);
        }
    }

    private void sendTimerNow(Order order) {
        hooks.beforeTimer(order.userId(), order.orderSn());
        Message timeout = new Message(
                Topics.ORDER_TIMEOUT,
                OrderTimeoutDue.newBuilder().setOrderSn(order.orderSn()).build().toByteArray());
        timeout.setKeys(order.orderSn());
        try {
            producer.sendDelayed(timeout, Duration.between(Instant.now(), order.payDeadline()));
        } catch (RuntimeException e) {
            timerNotSent(order, e);
        }
    }

    private void timerNotSent(Order order, RuntimeException e) {
        metrics.timerNotSent();
        log.warn(
                "Timeout message of order {} not sent ({}): the sweeper closes it if unpaid after its deadline {}",
                order.orderSn(),
                e.toString(),
                order.payDeadline());
    }

    private LocalTransactionState createLocally(Creation creation) {
        creation.started = true;
        String orderSn = creation.orderSn;
        NewOrder request = creation.request;
        CreationSteps.Priced priced;
        try {
            // Step 1: prices. Nothing is deducted yet, so every failure rolls the return back.
            priced = steps.price(request);
            // Step 2: deduct, under the order number (A6: a retried Sell deducts once).
            steps.deduct(orderSn, request);
        } catch (CreationSteps.Stop stop) {
            if (stop.maybeDeducted) {
                // A2: timeout, unavailable, an unknown outcome: the stock MAY have been deducted. Commit the return,
                // never roll it back. If the Sell still arrives later, the consumed return's tombstone refuses it (A4).
                log.warn(
                        "Sell of order {} has an unknown outcome ({}): returning its stock",
                        orderSn,
                        stop.getMessage());
                return creation.fail(LocalTransactionState.COMMIT_MESSAGE, stop.reason, stop.problem);
            }
            // A definite refusal (or A4, already returned): nothing was deducted now.
            return creation.fail(LocalTransactionState.ROLLBACK_MESSAGE, stop.reason, stop.problem);
        }

        hooks.afterSell(request.userId(), orderSn); // A1 window: deducted, nothing stored yet.

        // Step 3: the local transaction. Fence first (A3), then the order, its lines and the cart. Its timer message
        // is sent after the half message is ended (step 5 in create), not inside this transaction (item 13).
        Order order = steps.newOrder(orderSn, request, priced);
        try {
            transactions.executeWithoutResult(tx -> {
                if (!fence.claim(orderSn, OrderFence.Owner.CREATE)) {
                    throw new FencedOut(); // a check-back decided first: this order can no longer be created
                }
                hooks.afterFence(request.userId(), orderSn); // A3 window: fence held, not committed.
                steps.store(order, request);
            });
        } catch (FencedOut e) {
            // Step 4, local failure: return the stock (the deciding check-back committed the return already).
            log.warn(
                    "Order {} was fenced out by a check-back before its local transaction: returning its stock",
                    orderSn);
            return creation.fail(LocalTransactionState.COMMIT_MESSAGE, "fenced_out", CreationSteps.notCreated(orderSn));
        } catch (CreationSteps.Stop stop) {
            // Step 4, local failure that our own rollback ended (its cart items were claimed by another creation: a
            // double submit). Nothing committed and this order number is never used again: return the stock.
            log.info("Order {} not stored ({}): returning its stock", orderSn, stop.reason);
            return creation.fail(LocalTransactionState.COMMIT_MESSAGE, stop.reason, stop.problem);
        } catch (RuntimeException e) {
            // Step 4, local failure. It is unknown whether the commit happened (e.g. the connection broke during
            // COMMIT): do not guess, apply the decision rule now, under the fence. UNKNOW lets the broker ask again.
            log.warn("Local transaction of order {} failed: deciding under the fence", orderSn, e);
            LocalTransactionState verdict = decide(orderSn, Kind.CREATE, "local-failure");
            return switch (verdict) {
                // It did commit: the order exists and waits for payment, exactly as this transaction wrote it (the
                // number is new, nothing else writes it), so there is nothing to read back.
                case ROLLBACK_MESSAGE -> creation.succeed(order);
                // Item 8: no decision (e.g. the database is unreachable): the order may exist. Never "not created".
                case UNKNOW ->
                    creation.fail(
                            verdict,
                            "outcome_unknown",
                            outcomeUnknown(orderSn, "The order's database failed while storing it"));
                // Certain: the fence is the decision's, the order does not exist and can never be created.
                default -> creation.fail(verdict, "local_failure", CreationSteps.notCreated(orderSn));
            };
        }
        // Step 4, local success: the order keeps its stock, the return must never be delivered.
        return creation.succeed(order);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Closing an unpaid order (timeout): the close and the return are ONE transactional message (A8).
    // ------------------------------------------------------------------------------------------------------------

    @Override
    public CloseResult closeIfUnpaid(String orderSn) {
        Optional<OrderStatus> status = orders.status(orderSn);
        if (status.isEmpty()) {
            return CloseResult.ABSENT; // its creation never committed; that creation's own message returns the stock
        }
        if (status.get() != OrderStatus.WAIT_BUYER_PAY) {
            return CloseResult.NOT_WAITING; // paid (left alone) or already closed
        }
        Closing closing = new Closing(orderSn);
        try {
            // A8: never "send, then commit" nor "commit, then send": the close is this message's local transaction.
            TransactionSendResult sent =
                    producer.sendInTransaction(returnMessage(orderSn, "ORDER_TIMEOUT", Kind.CLOSE), closing);
            if (sent.getSendStatus() != SendStatus.SEND_OK || closing.result == null) {
                return CloseResult.RETRY;
            }
        } catch (MQClientException | RuntimeException e) {
            log.warn("Close of order {} not started: {}", orderSn, e.toString());
            return CloseResult.RETRY;
        }
        return closing.result;
    }

    private LocalTransactionState closeLocally(Closing closing) {
        String orderSn = closing.orderSn;
        boolean closed;
        try {
            // A7: compare-and-set; exactly one of payment and timeout leaves WAIT_BUYER_PAY.
            closed = Boolean.TRUE.equals(transactions.execute(tx -> {
                boolean updated = orders.closeIfWaiting(orderSn, Instant.now());
                hooks.insideClose(orderSn); // A8 window: half message stored, close not committed.
                return updated;
            }));
        } catch (RuntimeException e) {
            // Unknown whether the close committed: decide under the fence, like a check-back would.
            log.warn("Close of order {} failed: deciding under the fence", orderSn, e);
            LocalTransactionState verdict = decide(orderSn, Kind.CLOSE, "local-failure");
            closing.result = verdict == LocalTransactionState.COMMIT_MESSAGE ? CloseResult.CLOSED : CloseResult.RETRY;
            if (verdict == LocalTransactionState.COMMIT_MESSAGE) {
                metrics.returnEmitted(Kind.CLOSE.name());
            }
            return verdict;
        }
        hooks.afterClose(orderSn); // A8 window: closed and committed, the broker not told yet.
        if (closed) {
            closing.result = CloseResult.CLOSED;
            metrics.timeoutClosed();
            metrics.returnEmitted(Kind.CLOSE.name());
            log.info("Order {} closed by its timeout: returning its stock", orderSn);
            return LocalTransactionState.COMMIT_MESSAGE;
        }
        closing.result = CloseResult.NOT_WAITING; // paid meanwhile (or closed by another delivery)
        return LocalTransactionState.ROLLBACK_MESSAGE;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reconciliation (A11): a deduction whose half message the broker discarded after its check limit.
    // ------------------------------------------------------------------------------------------------------------

    @Override
    public boolean repair(String orderSn) {
        Repair repair = new Repair(orderSn);
        try {
            // The return is a transactional message like every other (order_reback is a TRANSACTION topic), whose
            // local transaction is the fenced decision itself.
            producer.sendInTransaction(returnMessage(orderSn, "RECONCILIATION", Kind.RECONCILE), repair);
        } catch (MQClientException | RuntimeException e) {
            log.warn("Reconciliation of order {} not started: {}", orderSn, e.toString());
            return false;
        }
        return repair.verdict == LocalTransactionState.COMMIT_MESSAGE;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The broker's side: local transactions and check-backs.
    // ------------------------------------------------------------------------------------------------------------

    @Override
    public LocalTransactionState executeLocalTransaction(Message message, Object arg) {
        return switch (arg) {
            case Creation creation -> createLocally(creation);
            case Closing closing -> closeLocally(closing);
            case Repair repair -> repair.verdict = decide(repair.orderSn, Kind.RECONCILE, "reconciliation");
            default -> throw new IllegalArgumentException("Unknown local transaction " + arg);
        };
    }

    /**
     * A1 (and A8): the producer that sent the half message never ended it (it died, or its end was lost). Any
     * producer of the group answers, with the decision rule, for every kind of message alike.
     */
    @Override
    public LocalTransactionState checkLocalTransaction(MessageExt message) {
        String orderSn = orderSnOf(message);
        if (orderSn == null) {
            log.error("Check-back of unreadable message {}: rolled back", message.getMsgId());
            return LocalTransactionState.ROLLBACK_MESSAGE;
        }
        String kind = Optional.ofNullable(message.getUserProperty(KIND)).orElse("UNKNOWN");
        LocalTransactionState verdict = decide(orderSn, kind, "check-back");
        metrics.checkBack(kind, verdict.name());
        return verdict;
    }

    /**
     * THE decision rule, under the fence (A3). In one transaction: insert X's fence row (waits while the creating
     * transaction holds it; once it is ours X can never be created), then lock X's order row (waits for a running
     * close or payment) and read its status. Absent or closed: COMMIT (return the stock). Waiting or paid: ROLLBACK
     * (keep it). A lock that cannot be had: UNKNOW (the broker asks again later).
     */
    LocalTransactionState decide(String orderSn, Object kind, String asker) {
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<OrderStatus> status = transactions.execute(tx -> {
                    fence.claim(orderSn, OrderFence.Owner.CHECK);
                    return orders.statusForUpdate(orderSn);
                });
                boolean giveBack = status.isEmpty() || !status.get().isLive();
                log.info(
                        "{} of order {} ({}): order {} -> {}",
                        asker,
                        orderSn,
                        kind,
                        status.map(Enum::name).orElse("absent"),
                        giveBack ? "return the stock" : "keep the stock");
                if (giveBack) {
                    if (!"local-failure".equals(asker)) {
                        metrics.returnEmitted(String.valueOf(kind));
                    }
                    return LocalTransactionState.COMMIT_MESSAGE;
                }
                return LocalTransactionState.ROLLBACK_MESSAGE;
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= DECISION_ATTEMPTS) {
                    log.warn(
                            "{} of order {}: locks unavailable, the broker will ask again ({})",
                            asker,
                            orderSn,
                            e.toString());
                    return LocalTransactionState.UNKNOW;
                }
            } catch (RuntimeException e) {
                log.warn("{} of order {}: cannot decide now, the broker will ask again", asker, orderSn, e);
                return LocalTransactionState.UNKNOW;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Item 8: what the client is told when the order's fate cannot be learnt now (it may or may not exist). */
    private static ApiProblem outcomeUnknown(String orderSn, String what) {
        return new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                OrderErrorCodes.ORDER_OUTCOME_UNKNOWN,
                what
                        + " and whether it was created is not known yet. Look it up by its number later: if it exists it"
                        + " waits for payment, if not its stock is returned. A retry is a new order.",
                Map.of("orderSn", orderSn));
    }

    private static Message returnMessage(String orderSn, String reason, Kind kind) {
        Message message = new Message(
                Topics.ORDER_REBACK,
                StockReturnRequested.newBuilder()
                        .setOrderSn(orderSn)
                        .setReason(reason)
                        .build()
                        .toByteArray());
        message.setKeys(orderSn);
        message.putUserProperty(KIND, kind.name());
        return message;
    }

    private static String orderSnOf(MessageExt message) {
        try {
            String orderSn = StockReturnRequested.parseFrom(message.getBody()).getOrderSn();
            if (!orderSn.isEmpty()) {
                return orderSn;
            }
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            // fall back to the key
        }
        String keys = message.getKeys();
        return keys == null || keys.isBlank() ? null : keys.trim();
    }

    /** Sends a half message and runs {@link #executeLocalTransaction} for it in the calling thread with {@code arg}. */
    @FunctionalInterface
    interface HalfMessageSender {
        TransactionSendResult send(Message message, Object arg) throws MQClientException;
    }

    /** The state of one creation, filled by its local transaction in the sending thread. */
    private final class Creation {
        final String orderSn;
        final NewOrder request;
        /** Whether the local transaction ran (the half message was stored). */
        boolean started;

        Order order;
        ApiProblem failure;

        Creation(String orderSn, NewOrder request) {
            this.orderSn = orderSn;
            this.request = request;
        }

        LocalTransactionState succeed(Order created) {
            this.order = created;
            return LocalTransactionState.ROLLBACK_MESSAGE;
        }

        LocalTransactionState fail(LocalTransactionState verdict, String reason, ApiProblem problem) {
            this.failure = problem;
            metrics.orderFailed(reason);
            if (verdict == LocalTransactionState.COMMIT_MESSAGE) {
                metrics.returnEmitted(Kind.CREATE.name());
            }
            return verdict;
        }
    }

    private static final class Closing {
        final String orderSn;
        CloseResult result;

        Closing(String orderSn) {
            this.orderSn = orderSn;
        }
    }

    private static final class Repair {
        final String orderSn;
        LocalTransactionState verdict = LocalTransactionState.UNKNOW;

        Repair(String orderSn) {
            this.orderSn = orderSn;
        }
    }

    private static final class FencedOut extends RuntimeException {
        FencedOut() {
            super("fenced out", null, false, false);
        }
    }
}
