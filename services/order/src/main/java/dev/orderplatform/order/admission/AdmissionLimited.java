package dev.orderplatform.order.admission;

import dev.orderplatform.web.openapi.ProblemResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose endpoints sit behind {@link RequestAdmission} (every one under {@code /api/}): the API
 * document lists its 503 {@code OVERLOADED} for each of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ProblemResponse(
        status = 503,
        description = "The service is at its limit of requests in progress; nothing was done (Retry-After).",
        codes = RequestAdmission.OVERLOADED)
public @interface AdmissionLimited {}
