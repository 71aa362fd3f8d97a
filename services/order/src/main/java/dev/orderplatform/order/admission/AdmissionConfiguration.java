package dev.orderplatform.order.admission;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admission of the API's requests: only {@code /api/*}, so that health probes and metrics scrapes never queue behind
 * a backlog (a liveness probe that timed out would restart a service that is merely busy).
 */
@Configuration(proxyBeanMethods = false)
public class AdmissionConfiguration {

    @Bean
    RequestAdmission requestAdmission(AdmissionProperties properties, JsonMapper json) {
        return new RequestAdmission(properties, json);
    }

    /** Before the security filters: a waiting request has not yet spent anything on its token. */
    @Bean
    FilterRegistrationBean<RequestAdmission> requestAdmissionRegistration(RequestAdmission admission) {
        FilterRegistrationBean<RequestAdmission> registration = new FilterRegistrationBean<>(admission);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
