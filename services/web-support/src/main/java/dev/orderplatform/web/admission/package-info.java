/**
 * How many requests a service works on at once (docs/development.md, "Requests in flight"). References are non-null
 * unless marked {@code @Nullable} (JSpecify; NullAway checks it).
 */
@NullMarked
package dev.orderplatform.web.admission;

import org.jspecify.annotations.NullMarked;
