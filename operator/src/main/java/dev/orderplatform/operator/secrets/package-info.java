/** The Secrets the operator generates. References are non-null unless marked {@code @Nullable} (JSpecify; NullAway checks it). */
@NullMarked
package dev.orderplatform.operator.secrets;

import org.jspecify.annotations.NullMarked;
