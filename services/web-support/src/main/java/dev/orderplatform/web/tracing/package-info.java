/**
 * Tracing and log context of the services (docs/observability.md): the RocketMQ messages carry the trace, and every
 * log line written for an order carries its number. References are non-null unless marked {@code @Nullable}
 * (JSpecify; NullAway checks it).
 */
@NullMarked
package dev.orderplatform.web.tracing;

import org.jspecify.annotations.NullMarked;
