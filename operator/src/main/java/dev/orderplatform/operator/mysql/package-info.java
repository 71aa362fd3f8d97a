/** The managed MySQL (MariaDB) of a platform. References are non-null unless marked {@code @Nullable} (JSpecify; NullAway checks it). */
@NullMarked
package dev.orderplatform.operator.mysql;

import org.jspecify.annotations.NullMarked;
