package dev.orderplatform.order.order;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Order numbers, unique by construction: 37 digits, the UTC time to the millisecond (17, for people and sorting only),
 * a node number (10) and a sequence (10). An order number names one sell record, one fence row and one return for
 * good, so a repeat would make the inventory take a new order for a retry of an old one (A6).
 * <p>
 * The node number is leased from the {@code order_number_node} table's AUTO_INCREMENT key: every process start (and
 * every exhausted sequence) gets one no other process ever had, whatever the clocks say, and the sequence counts up
 * within it. The two fixed-width fields end every number, so two numbers with different (node, sequence) differ.
 */
@Component
public class OrderNumbers {

    static final int NODE_DIGITS = 10;
    static final int SEQUENCE_DIGITS = 10;
    static final long NODE_LIMIT = 10_000_000_000L;
    static final long SEQUENCE_LIMIT = 10_000_000_000L;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final LongSupplier nodeLeases;
    private final Clock clock;
    private final long sequenceLimit;
    private long node = -1;
    private long sequence;

    @Autowired
    public OrderNumbers(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this(() -> leaseNode(jdbc, transactionManager), Clock.systemUTC(), SEQUENCE_LIMIT);
    }

    OrderNumbers(LongSupplier nodeLeases, Clock clock, long sequenceLimit) {
        this.nodeLeases = nodeLeases;
        this.clock = clock;
        this.sequenceLimit = sequenceLimit;
    }

    public String next() {
        long leasedNode;
        long number;
        synchronized (this) {
            if (node < 0 || sequence == sequenceLimit) {
                long leased = nodeLeases.getAsLong();
                if (leased < 1 || leased >= NODE_LIMIT) {
                    throw new IllegalStateException(
                            "Order number node " + leased + " is out of 1.." + (NODE_LIMIT - 1));
                }
                node = leased;
                sequence = 0;
            }
            leasedNode = node;
            number = sequence++;
        }
        return TIME.format(clock.instant())
                + String.format("%0" + NODE_DIGITS + "d%0" + SEQUENCE_DIGITS + "d", leasedNode, number);
    }

    /**
     * A new row, committed on its own: an id of a rolled-back insert could be handed out again after a restart of
     * some servers, a committed one never (rows are never deleted).
     */
    private static long leaseNode(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        TransactionTemplate own = new TransactionTemplate(transactionManager);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return own.execute(tx -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO order_number_node (holder, leased_at) VALUES (?, ?)")
                    .params(ManagementFactory.getRuntimeMXBean().getName(), new Timestamp(System.currentTimeMillis()))
                    .update(key);
            return key.getKeyAs(Number.class).longValue();
        });
    }
}
