package dev.orderplatform.web.admission;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Every service's bound on the requests in flight ({@link ConcurrentRequestLimitFilter}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
public class PlatformAdmissionConfiguration {

    /** Requests waiting at the bound; above zero for long, the service is saturated (docs/runbook.md). */
    public static final String WAITING_GAUGE = "orderplatform.http.requests.waiting";

    /**
     * Right after the request's observation starts (so the time waiting here counts in {@code http.server.requests})
     * and before the security filters (a token is checked only once the request is let in).
     */
    @Bean
    FilterRegistrationBean<ConcurrentRequestLimitFilter> concurrentRequestLimitFilter(
            AdmissionProperties properties, ObjectProvider<MeterRegistry> meters) {
        ConcurrentRequestLimitFilter filter = new ConcurrentRequestLimitFilter(properties.maxConcurrentRequests());
        meters.ifAvailable(registry -> Gauge.builder(WAITING_GAUGE, filter, ConcurrentRequestLimitFilter::waiting)
                .description("HTTP requests waiting to be let in (orderplatform.web.max-concurrent-requests reached)")
                .register(registry));
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
