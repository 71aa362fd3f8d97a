package dev.orderplatform.order.protocol;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderplatform.protocol.*}.
 *
 * @param mode {@code reliable} (default, the product), or for benchmarks only {@code baseline} or
 *             {@code producer-per-request} (see {@link ProtocolMode})
 */
@ConfigurationProperties(ProtocolProperties.PREFIX)
public record ProtocolProperties(@DefaultValue("reliable") ProtocolMode mode) {

    static final String PREFIX = "orderplatform.protocol";
}
