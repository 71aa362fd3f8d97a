/** Paging of list endpoints. References are non-null unless marked {@code @Nullable} (JSpecify; NullAway checks it). */
@NullMarked
package dev.orderplatform.web.paging;

import org.jspecify.annotations.NullMarked;
