package dev.orderplatform.web.security;

import dev.orderplatform.web.problem.ErrorCodes;
import dev.orderplatform.web.problem.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless bearer-JWT security shared by the services: health, metrics and the OpenAPI document are open
 * (Kubernetes probes, Prometheus, API clients), each service's {@link EndpointAuthorization} beans decide the rest, and every refusal is a
 * problem detail like any other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtProperties.class)
public class PlatformSecurityConfiguration {

    @Bean
    JwtTokens jwtTokens(JwtProperties properties) {
        return new JwtTokens(properties.secretBytes());
    }

    /**
     * Verifies tokens addressed to this service, named by {@code spring.application.name}, over HTTP and gRPC alike;
     * each distinct token once while it is valid.
     */
    @Bean
    JwtDecoder jwtDecoder(JwtTokens tokens, @Value("${spring.application.name}") String service) {
        return new CachingJwtDecoder(tokens.decoder(service));
    }

    /**
     * No observations of the security filters, authentications and authorizations: on every request they cost 12-15%
     * of a service's CPU (issue 11) and carry nothing the traces or dashboards use; the HTTP server, gRPC and
     * RocketMQ spans and timers stay. gRPC's authentication is not observed either ({@link
     * dev.orderplatform.web.grpc.GrpcAccess}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain platformSecurityFilterChain(
            HttpSecurity http, ObjectProvider<EndpointAuthorization> rules, JsonMapper json) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable) // bearer tokens only, no cookies: nothing to forge
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(
                                    "/actuator/health/**",
                                    "/actuator/info",
                                    "/actuator/prometheus",
                                    "/error",
                                    "/v3/api-docs",
                                    "/v3/api-docs.yaml",
                                    "/v3/api-docs/**")
                            .permitAll();
                    rules.orderedStream().forEach(rule -> rule.configure(requests));
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server.jwt(
                                jwt -> jwt.jwtAuthenticationConverter(PlatformJwt.authenticationConverter()))
                        .authenticationEntryPoint((request, response, failure) -> Problems.write(
                                json,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                ErrorCodes.UNAUTHENTICATED,
                                "A valid bearer token is required.")))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                                (request, response, failure) -> Problems.write(
                                        json,
                                        response,
                                        HttpStatus.UNAUTHORIZED,
                                        ErrorCodes.UNAUTHENTICATED,
                                        "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, failure) -> Problems.write(
                                json,
                                response,
                                HttpStatus.FORBIDDEN,
                                ErrorCodes.FORBIDDEN,
                                "This endpoint needs the " + Roles.ADMIN + " role.")));
        return http.build();
    }
}
