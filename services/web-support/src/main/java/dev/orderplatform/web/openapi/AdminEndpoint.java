package dev.orderplatform.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents an endpoint (or every endpoint of a controller) as needing a token with the
 * {@value dev.orderplatform.web.security.Roles#ADMIN} role. Endpoints without this or {@link PublicEndpoint} are
 * documented as needing any valid token. Only the document: the service's
 * {@link dev.orderplatform.web.security.EndpointAuthorization} rules decide.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AdminEndpoint {}
