package dev.orderplatform.web.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's access rules for its own endpoints. The platform's filter chain opens the health and metrics
 * endpoints, applies every such bean, then requires an authenticated token for anything else.
 */
@FunctionalInterface
public interface EndpointAuthorization {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
