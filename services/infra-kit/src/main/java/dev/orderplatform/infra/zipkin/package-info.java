/** Zipkin's server as the trace collector of the tests and the local platform (docs/observability.md). */
@NullMarked
package dev.orderplatform.infra.zipkin;

import org.jspecify.annotations.NullMarked;
