/** Topic and group names and timer limits shared by the services and the operator. References are non-null unless marked {@code @Nullable} (JSpecify; NullAway checks it). */
@NullMarked
package dev.orderplatform.contracts;

import org.jspecify.annotations.NullMarked;
