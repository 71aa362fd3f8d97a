package dev.orderplatform.order.admission;

import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many API requests the order service works on at once ({@code orderplatform.order.admission.*}). A negative
 * value fails the start: read as "no limit" it would switch the protection off without a word.
 *
 * @param maxConcurrentRequests the API requests worked on at once; the others wait their turn, in arrival order,
 *                              before any of their work starts; 0: no limit
 * @param maxWait               how long a request waits for its turn before it is refused with 503 {@code OVERLOADED};
 *                              0: refused at once when every turn is taken
 */
@Validated
@ConfigurationProperties("orderplatform.order.admission")
public record AdmissionProperties(
        @DefaultValue("64") @PositiveOrZero int maxConcurrentRequests,
        @DefaultValue("5s") @DurationMin(nanos = 0) Duration maxWait) {}
