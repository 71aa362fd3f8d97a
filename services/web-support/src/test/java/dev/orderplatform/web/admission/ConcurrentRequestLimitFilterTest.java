package dev.orderplatform.web.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ConcurrentRequestLimitFilterTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final AtomicInteger inside = new AtomicInteger();
    private final Semaphore finish = new Semaphore(0);
    private final List<Thread> requests = new ArrayList<>();

    /** A request that stays inside the chain until {@link #finish} lets it go. */
    private final FilterChain slowChain = (request, response) -> {
        inside.incrementAndGet();
        try {
            finish.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inside.decrementAndGet();
        }
    };

    @AfterEach
    void letEveryRequestFinish() throws InterruptedException {
        finish.release(1000);
        for (Thread request : requests) {
            request.join(PATIENCE.toMillis());
        }
    }

    @Test
    void requestsBeyondTheLimitWaitUntilOneInsideFinishes() throws Exception {
        ConcurrentRequestLimitFilter filter = new ConcurrentRequestLimitFilter(2);
        start(filter, "/orders");
        start(filter, "/orders");
        awaitInside(2);

        Thread third = start(filter, "/cart");
        awaitParked(third);
        assertThat(inside).as("the third request waits outside").hasValue(2);
        assertThat(filter.waiting()).isEqualTo(1);

        finish.release(); // one of the first two finishes: the third goes in
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (filter.waiting() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(filter.waiting()).isZero();
        awaitInside(2);
    }

    @Test
    void healthProbesAreNeverHeldBack() throws Exception {
        ConcurrentRequestLimitFilter filter = new ConcurrentRequestLimitFilter(1);
        start(filter, "/orders");
        awaitInside(1);

        CountDownLatch probed = new CountDownLatch(1);
        filter.doFilter(
                new MockHttpServletRequest("GET", "/actuator/health/liveness"),
                new MockHttpServletResponse(),
                (request, response) -> probed.countDown());
        assertThat(probed.getCount()).isZero();
    }

    @Test
    void withoutABoundEveryRequestGoesIn() throws Exception {
        ConcurrentRequestLimitFilter filter = new ConcurrentRequestLimitFilter(-1);
        for (int i = 0; i < 5; i++) {
            start(filter, "/orders");
        }
        awaitInside(5);
    }

    @Test
    void aLimitThatAdmitsNothingIsRefusedAtStart() {
        assertThatThrownBy(() -> new AdmissionProperties(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orderplatform.web.max-concurrent-requests");
        assertThat(new AdmissionProperties(-1).maxConcurrentRequests()).isEqualTo(-1);
    }

    private Thread start(ConcurrentRequestLimitFilter filter, String path) {
        Thread request = Thread.ofVirtual().start(() -> {
            try {
                filter.doFilter(new MockHttpServletRequest("POST", path), new MockHttpServletResponse(), slowChain);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        requests.add(request);
        return request;
    }

    private void awaitInside(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (inside.get() != expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(inside).hasValue(expected);
    }

    /** Until the thread waits (in the throttle, as it has not entered the chain). */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }
}
