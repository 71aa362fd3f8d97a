package dev.orderplatform.inventory.parking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The parked messages waiting for an operator (Prometheus {@code inventory_parked_messages_stored}): a count of the
 * {@code parked_message} table when scraped, cheap because the table holds only the rare unreadable messages. Unlike
 * the counter {@code inventory_parked_messages_total} of this process, it is the platform's total, the same in
 * every replica.
 */
@Component
class ParkedMessageGauge {

    ParkedMessageGauge(JdbcTemplate jdbc, MeterRegistry registry) {
        Gauge.builder("inventory.parked.messages.stored", jdbc, ParkedMessageGauge::count)
                .description("Messages in the parked_message table (see the runbook: a parked message)")
                .register(registry);
    }

    private static double count(JdbcTemplate jdbc) {
        Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM parked_message", Long.class);
        return rows == null ? 0 : rows;
    }
}
