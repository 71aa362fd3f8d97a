package dev.orderplatform.order.admission;

import dev.orderplatform.web.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets at most {@link AdmissionProperties#maxConcurrentRequests()} API requests in at once; the others wait, first come
 * first served, before their token is verified or their body read, and one that waits longer than {@link
 * AdmissionProperties#maxWait()} is refused with 503 {@code OVERLOADED} and {@code Retry-After}, having changed
 * nothing. Why: every request let in holds memory and competes for the database's connections, so a backlog of
 * thousands made each order dearer until the service fell behind for good (issue 11 part 18); waiting here costs
 * next to nothing.
 */
public class RequestAdmission extends OncePerRequestFilter implements MeterBinder {

    /** Stable code of a request refused because the service is at its limit; 503, retry after {@code Retry-After}. */
    public static final String OVERLOADED = "OVERLOADED";

    private static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore turns;
    private final long maxWaitNanos;
    private final JsonMapper json;
    private Counter refused;

    public RequestAdmission(AdmissionProperties properties, JsonMapper json) {
        this.turns =
                properties.maxConcurrentRequests() > 0 ? new Semaphore(properties.maxConcurrentRequests(), true) : null;
        this.maxWaitNanos = properties.maxWait().toNanos();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (turns == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!awaitTurn()) {
            refuse(response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            turns.release();
        }
    }

    private boolean awaitTurn() throws ServletException {
        try {
            return turns.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while waiting for its turn", e);
        }
    }

    private void refuse(HttpServletResponse response) throws IOException {
        if (refused != null) {
            refused.increment();
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        Problems.write(
                json,
                response,
                HttpStatus.SERVICE_UNAVAILABLE,
                OVERLOADED,
                "The service is at its limit of requests in progress; nothing was done. Retry later.");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (turns == null) {
            return;
        }
        Gauge.builder("orderplatform.admission.waiting", turns, Semaphore::getQueueLength)
                .description("API requests waiting for their turn")
                .register(registry);
        refused = Counter.builder("orderplatform.admission.refused")
                .description("API requests refused with OVERLOADED after waiting the longest allowed")
                .register(registry);
    }
}
