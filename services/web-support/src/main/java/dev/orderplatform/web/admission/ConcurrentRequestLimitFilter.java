package dev.orderplatform.web.admission;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.util.ConcurrencyThrottleSupport;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most a given number of requests in at once; the others wait here, in arrival order, holding nothing but
 * their connection. With virtual threads nothing else bounds them (a pool of platform threads did): past saturation,
 * or after a stall of a second, every request that arrived would be inside at once, queueing for the database
 * connections, the gRPC calls and the broker, and those of orders already under way would queue behind the newcomers'.
 * Health probes and metrics ({@code /actuator}) are never held back: a busy service is not a dead one.
 */
public class ConcurrentRequestLimitFilter extends OncePerRequestFilter {

    private final Throttle throttle = new Throttle();
    private final AtomicInteger waiting = new AtomicInteger();

    public ConcurrentRequestLimitFilter(int maxConcurrentRequests) {
        throttle.setConcurrencyLimit(maxConcurrentRequests);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        waiting.incrementAndGet();
        try {
            throttle.enter();
        } finally {
            waiting.decrementAndGet();
        }
        try {
            chain.doFilter(request, response);
        } finally {
            throttle.leave();
        }
    }

    /** The requests waiting to be let in now. */
    public int waiting() {
        return waiting.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
    }

    /** Spring's throttle (a lock and a condition, fit for virtual threads); it blocks while the limit is reached. */
    private static final class Throttle extends ConcurrencyThrottleSupport {

        void enter() {
            beforeAccess();
        }

        void leave() {
            afterAccess();
        }
    }
}
