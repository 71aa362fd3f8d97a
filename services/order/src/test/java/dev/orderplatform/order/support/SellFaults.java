package dev.orderplatform.order.support;

import dev.orderplatform.contracts.inventory.v1.GoodsQuantity;
import dev.orderplatform.contracts.inventory.v1.InventoryServiceGrpc;
import dev.orderplatform.contracts.inventory.v1.SellRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client interceptor in the order application under test that really injects faults into the Sell calls of
 * orders containing an armed goods (tests use fresh goods, so they do not disturb each other):
 * <ul>
 *   <li>{@link Fault#DROP_REPLY}: the call reaches the inventory and deducts; its reply is replaced by
 *       DEADLINE_EXCEEDED (A2).</li>
 *   <li>{@link Fault#HOLD_REQUEST}: the request is held back (the caller sees DEADLINE_EXCEEDED at once) and the test
 *       delivers it later: a delayed Sell (A4).</li>
 *   <li>{@link Fault#DUPLICATE}: the request is sent twice, as a client retry would (A6).</li>
 *   <li>{@link #armRenumber}: the request goes out under another order's number, as if the numbers had collided.</li>
 * </ul>
 */
public final class SellFaults implements ClientInterceptor {

    public enum Fault {
        DROP_REPLY,
        HOLD_REQUEST,
        DUPLICATE
    }

    private final Map<Long, Fault> armed = new ConcurrentHashMap<>();
    private final Map<Long, String> renumbered = new ConcurrentHashMap<>();
    private final List<SellRequest> held = new CopyOnWriteArrayList<>();

    public void arm(long goodsId, Fault fault) {
        armed.put(goodsId, fault);
    }

    /** Sells of orders containing {@code goodsId} go out under {@code orderSn} instead of their own number. */
    public void armRenumber(long goodsId, String orderSn) {
        renumbered.put(goodsId, orderSn);
    }

    public void disarm(long goodsId) {
        armed.remove(goodsId);
        renumbered.remove(goodsId);
    }

    /** Held Sell requests of orders containing {@code goodsId}. */
    public List<SellRequest> held(long goodsId) {
        return held.stream()
                .filter(r -> r.getItemsList().stream().anyMatch(i -> i.getGoodsId() == goodsId))
                .toList();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (!method.getFullMethodName()
                .equals(InventoryServiceGrpc.getSellMethod().getFullMethodName())) {
            return next.newCall(method, options);
        }
        return new DecidingCall<>(method, options, next);
    }

    @SuppressWarnings("unchecked")
    private <Q> Q renumber(Q request) {
        if (request instanceof SellRequest sell) {
            for (GoodsQuantity item : sell.getItemsList()) {
                String orderSn = renumbered.get(item.getGoodsId());
                if (orderSn != null) {
                    return (Q) sell.toBuilder().setOrderSn(orderSn).build();
                }
            }
        }
        return request;
    }

    private Fault faultFor(Object request) {
        if (request instanceof SellRequest sell) {
            for (GoodsQuantity item : sell.getItemsList()) {
                Fault fault = armed.get(item.getGoodsId());
                if (fault != null) {
                    return fault;
                }
            }
        }
        return null;
    }

    /** Starts the real call only once the request is known, so the fault can depend on it. */
    private final class DecidingCall<Q, R> extends ClientCall<Q, R> {
        private final MethodDescriptor<Q, R> method;
        private final CallOptions options;
        private final Channel next;
        private Listener<R> listener;
        private Metadata headers;
        private int requested;
        private ClientCall<Q, R> delegate;
        private boolean heldBack;

        DecidingCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            this.method = method;
            this.options = options;
            this.next = next;
        }

        @Override
        public void start(Listener<R> responseListener, Metadata metadata) {
            this.listener = responseListener;
            this.headers = metadata;
        }

        @Override
        public void request(int numMessages) {
            if (delegate != null) {
                delegate.request(numMessages);
            } else {
                requested += numMessages;
            }
        }

        @Override
        public void sendMessage(Q request) {
            Q message = renumber(request);
            Fault fault = faultFor(message);
            if (fault == Fault.HOLD_REQUEST) {
                held.add((SellRequest) message);
                heldBack = true;
                return;
            }
            if (fault == Fault.DUPLICATE) {
                // The first attempt, as if its reply had been lost and the client retried.
                ClientCalls.blockingUnaryCall(
                        next, method, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), message);
            }
            delegate = next.newCall(method, options);
            Listener<R> target = fault == Fault.DROP_REPLY ? new DroppingListener<>(listener) : listener;
            delegate.start(target, headers);
            if (requested > 0) {
                delegate.request(requested);
            }
            delegate.sendMessage(message);
        }

        @Override
        public void halfClose() {
            if (heldBack) {
                listener.onClose(Status.DEADLINE_EXCEEDED.withDescription("test: Sell held back"), new Metadata());
            } else if (delegate != null) {
                delegate.halfClose();
            }
        }

        @Override
        public void cancel(String message, Throwable cause) {
            if (delegate != null) {
                delegate.cancel(message, cause);
            }
        }

        @Override
        public boolean isReady() {
            return delegate == null || delegate.isReady();
        }
    }

    /** Lets the call complete on the server, then reports DEADLINE_EXCEEDED instead of its reply. */
    private static final class DroppingListener<R>
            extends ForwardingClientCallListener.SimpleForwardingClientCallListener<R> {
        DroppingListener(ClientCall.Listener<R> delegate) {
            super(delegate);
        }

        @Override
        public void onHeaders(Metadata headers) {}

        @Override
        public void onMessage(R message) {}

        @Override
        public void onClose(Status status, Metadata trailers) {
            super.onClose(
                    Status.DEADLINE_EXCEEDED.withDescription(
                            "test: reply dropped after the server answered " + status.getCode()),
                    new Metadata());
        }
    }
}
