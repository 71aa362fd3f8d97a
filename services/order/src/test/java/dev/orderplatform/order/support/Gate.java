package dev.orderplatform.order.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A point where a protocol thread stops until the test lets it go (or makes it fail). */
public final class Gate {

    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String orderSn;
    private volatile RuntimeException failure;

    void arrive(String orderSn) {
        this.orderSn = orderSn;
        reached.countDown();
        try {
            if (!released.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits until a protocol thread stands at the gate; answers its order number. */
    public String awaitReached(Duration timeout) throws InterruptedException {
        if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the protocol never reached the gate");
        }
        return orderSn;
    }

    public void release() {
        released.countDown();
    }

    /** Lets the thread go on by throwing {@code failure} (e.g. a crash of the local transaction). */
    public void releaseWithFailure(RuntimeException failure) {
        this.failure = failure;
        released.countDown();
    }
}
