package dev.orderplatform.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents an endpoint (or every endpoint of a controller) as open without a token. Only the document: the
 * service's {@link dev.orderplatform.web.security.EndpointAuthorization} rules decide, and the API fuzz tests check
 * that both say the same.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicEndpoint {}
