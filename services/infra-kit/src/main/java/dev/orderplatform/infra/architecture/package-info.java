/** Checks of the services' boundaries for their architecture tests. References are non-null unless marked {@code @Nullable} (JSpecify; NullAway checks it). */
@NullMarked
package dev.orderplatform.infra.architecture;

import org.jspecify.annotations.NullMarked;
