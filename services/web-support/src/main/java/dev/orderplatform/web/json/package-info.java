/** JSON conventions of the HTTP APIs. References are non-null unless marked {@code @Nullable} (JSpecify; NullAway checks it). */
@NullMarked
package dev.orderplatform.web.json;

import org.jspecify.annotations.NullMarked;
