/** gRPC conventions of the services. References are non-null unless marked {@code @Nullable} (JSpecify; NullAway checks it). */
@NullMarked
package dev.orderplatform.web.grpc;

import org.jspecify.annotations.NullMarked;
