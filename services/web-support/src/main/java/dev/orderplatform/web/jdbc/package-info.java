/**
 * Database connection defaults of the services: statements prepared on the server. References are non-null unless
 * marked {@code @Nullable} (JSpecify; NullAway checks it).
 */
@NullMarked
package dev.orderplatform.web.jdbc;

import org.jspecify.annotations.NullMarked;
