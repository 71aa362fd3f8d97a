package dev.orderplatform.web;

import dev.orderplatform.web.jdbc.PlatformJdbcConfiguration;
import dev.orderplatform.web.json.StrictNumbersConfiguration;
import dev.orderplatform.web.openapi.PlatformOpenApiConfiguration;
import dev.orderplatform.web.paging.PagingConfiguration;
import dev.orderplatform.web.problem.ContainerErrorReports;
import dev.orderplatform.web.problem.ErrorPageController;
import dev.orderplatform.web.problem.ProblemDetailsAdvice;
import dev.orderplatform.web.security.PlatformSecurityConfiguration;
import dev.orderplatform.web.tracing.PlatformTracingConfiguration;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Put on a service's application class: problem-detail errors with stable codes, JSON numbers never truncated into
 * integers, the OpenAPI document at {@code /v3/api-docs}, and bearer-JWT security whose per-endpoint rules the service gives as
 * {@link dev.orderplatform.web.security.EndpointAuthorization} beans, and tracing defaults with the order number in the
 * logging context ({@link dev.orderplatform.web.tracing}), and statements prepared on the database server
 * ({@link dev.orderplatform.web.jdbc}), and paged listings ({@link dev.orderplatform.web.paging.PageQuery}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({
    ProblemDetailsAdvice.class,
    ErrorPageController.class,
    ContainerErrorReports.class,
    PlatformSecurityConfiguration.class,
    StrictNumbersConfiguration.class,
    PlatformOpenApiConfiguration.class,
    PagingConfiguration.class,
    PlatformTracingConfiguration.class,
    PlatformJdbcConfiguration.class
})
public @interface EnablePlatformWebSupport {}
