package dev.orderplatform.order.monitoring;

import dev.orderplatform.order.OrderServiceTest;
import dev.orderplatform.order.support.Platform;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the monitoring tests: the order application with a reconciliation grace of a few seconds, so that a
 * deduction without a live order passes from "in doubt" to "past the grace" within a test. The invariant gauges are
 * read from the service's own Prometheus scrape.
 */
@TestPropertySource(properties = "orderplatform.reconciliation.grace=" + MonitoringTest.GRACE_SECONDS + "s")
abstract class MonitoringTest extends OrderServiceTest {

    static final int GRACE_SECONDS = 6;
    static final Duration GRACE = Duration.ofSeconds(GRACE_SECONDS);

    @Autowired
    protected InvariantMetrics invariantMetrics;

    /** A metric of this order service's scrape, summed over the series whose line has all the fragments. */
    protected double orderMetric(String name, String... labelFragments) {
        return Platform.scraped(port, name, labelFragments);
    }

    /** Whether this order service's scrape has a series of {@code name} whose line has the fragment. */
    protected boolean orderExports(String name, String labelFragment) {
        return api().raw("/actuator/prometheus")
                .lines()
                .anyMatch(line -> line.startsWith(name + "{") && line.contains(labelFragment));
    }
}
