package dev.orderplatform.order;

import dev.orderplatform.web.security.EndpointAuthorization;
import dev.orderplatform.web.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Access rules of the order service's endpoints (the platform's filter chain applies them). */
@Configuration(proxyBeanMethods = false)
public class SecurityRules {

    /** The audit and the reconciliation are administrative; cart and orders need any valid user token. */
    @Bean
    EndpointAuthorization orderServiceEndpoints() {
        return requests -> requests.requestMatchers("/api/v1/audit", "/api/v1/audit/**", "/api/v1/reconciliation/**")
                .hasRole(Roles.ADMIN)
                .requestMatchers("/api/v1/cart/**", "/api/v1/orders", "/api/v1/orders/**")
                .authenticated();
    }
}
