package dev.orderplatform.web.paging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link PageWindow} parameter of a handler method: the window comes from the query parameters {@code page}
 * (from 0, default 0) and {@code size} (default {@link #defaultSize}, at most {@link #maxSize}), checked by
 * {@link PageWindow#of}. A value that is not an integer is refused as any other parameter's (400
 * {@code INVALID_PARAMETER}); the OpenAPI document shows both parameters with their bounds, and the 400
 * {@code VALIDATION_FAILED} of a page out of range.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PageQuery {

    /** The query parameters' names. */
    String PAGE = "page";

    String SIZE = "size";

    /** The size of a page when the request gives none. */
    int defaultSize();

    /** The largest page the endpoint serves. */
    int maxSize();
}
