package dev.orderplatform.order.protocol;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Which {@link OrderProtocol} the service runs ({@code orderplatform.protocol.mode}). Only {@link #RELIABLE} keeps
 * orders and stock consistent; the other two exist for the benchmark comparison of the load suite and nothing else.
 */
public enum ProtocolMode {

    /** The product: {@link ReliableMessageProtocol} (docs/protocol.md), one long-lived producer (A9). */
    RELIABLE("reliable"),

    /**
     * No-consistency baseline ({@link BaselineProtocol}): BatchGetGoods, Sell and the local transaction, no message
     * at all; no order timeout, no reconciliation. Measures what consistency costs.
     */
    BASELINE("baseline"),

    /**
     * The classic blog's way ({@link ProducerPerRequestProtocol}): the reliable local transaction, but a new
     * transactional producer started and shut down for every order creation. Measures what A9 buys.
     */
    PRODUCER_PER_REQUEST("producer-per-request");

    /** The property this mode is selected by. */
    public static final String PROPERTY = ProtocolProperties.PREFIX + ".mode";

    private final String value;

    ProtocolMode(String value) {
        this.value = value;
    }

    /** The property value, as written in configuration, metrics and {@code /actuator/info}. */
    public String value() {
        return value;
    }

    /**
     * The mode {@code environment} selects, bound as the {@link ProtocolProperties} bean is, default included
     * ({@code producer-per-request}, {@code PRODUCER_PER_REQUEST}, ... all work; an unknown value fails the start):
     * for the bean registrars, which run before any bean exists.
     */
    public static ProtocolMode configured(Environment environment) {
        return Binder.get(environment)
                .bindOrCreate(ProtocolProperties.PREFIX, ProtocolProperties.class)
                .mode();
    }

    /** Whether this mode keeps the stock guarantees of docs/protocol.md. */
    public boolean consistent() {
        return this != BASELINE;
    }
}
