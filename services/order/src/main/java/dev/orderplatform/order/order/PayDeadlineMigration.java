package dev.orderplatform.order.order;

import dev.orderplatform.order.OrderProperties;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tells migration V2 the configured order timeout, from which it computes the payment deadline of the orders that
 * exist when it runs (newer orders get theirs at creation).
 */
@Component
class PayDeadlineMigration implements FlywayConfigurationCustomizer {

    private final OrderProperties properties;

    PayDeadlineMigration(OrderProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
        placeholders.put(
                "order_timeout_millis", Long.toString(properties.timeout().toMillis()));
        configuration.placeholders(placeholders);
    }
}
