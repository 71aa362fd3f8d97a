package dev.orderplatform.order.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many API requests the order service works on at once ({@code orderplatform.order.admission.*}).
 *
 * @param maxConcurrentRequests the API requests worked on at once; the others wait their turn, in arrival order,
 *                              before any of their work starts; 0: no limit
 * @param maxWait               how long a request waits for its turn before it is refused with 503 {@code OVERLOADED}
 */
@ConfigurationProperties("orderplatform.order.admission")
public record AdmissionProperties(
        @DefaultValue("64") int maxConcurrentRequests,
        @DefaultValue("5s") Duration maxWait) {}
