package dev.orderplatform.web.admission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.ConcurrencyThrottleSupport;

/**
 * @param maxConcurrentRequests the requests a service works on at once, a positive number; the others wait in arrival
 *     order before any work is done for them. {@code -1}: no bound (every request is worked on as it arrives, as the
 *     benchmark's {@code reliable-unbounded} mode does).
 */
@ConfigurationProperties("orderplatform.web")
public record AdmissionProperties(@DefaultValue("64") int maxConcurrentRequests) {

    public AdmissionProperties {
        if (maxConcurrentRequests < 1 && maxConcurrentRequests != ConcurrencyThrottleSupport.UNBOUNDED_CONCURRENCY) {
            throw new IllegalArgumentException(
                    "orderplatform.web.max-concurrent-requests must be positive, or -1 for no" + " bound; it is "
                            + maxConcurrentRequests);
        }
    }
}
