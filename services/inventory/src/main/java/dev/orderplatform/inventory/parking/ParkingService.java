package dev.orderplatform.inventory.parking;

import dev.orderplatform.inventory.Timestamps;
import dev.orderplatform.web.paging.PageWindow;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps messages that cannot be acted on (not a valid payload): logged, stored for an operator, then acknowledged,
 * so that they are neither retried forever nor dropped silently.
 */
@Service
public class ParkingService {

    static final int MAX_KEY_LENGTH = 512;
    static final int MAX_REASON_LENGTH = 1000;
    static final int MAX_PAGE_SIZE = 500;

    private static final Logger log = LoggerFactory.getLogger(ParkingService.class);

    private final JdbcTemplate jdbc;
    private final ParkedMessageRepository parked;
    private final MeterRegistry meters;

    public ParkingService(JdbcTemplate jdbc, ParkedMessageRepository parked, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.parked = parked;
        this.meters = meters;
    }

    /**
     * Stores the message once per message id (a redelivery of the same message is not parked twice).
     *
     * @throws org.springframework.dao.DataAccessException when it could not be stored: the caller must not
     *         acknowledge the message then
     */
    @Transactional // one statement, but the pool's connections do not commit by themselves
    public void park(String messageId, String topic, String key, byte[] body, String reason, int reconsumeTimes) {
        log.warn("Parking message {} on {} (key {}): {}", messageId, topic, key, reason);
        jdbc.update(
                "INSERT INTO parked_message (message_id, topic, message_key, body, reason, reconsume_times, "
                        + "parked_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE message_id = message_id",
                messageId,
                topic,
                truncate(key, MAX_KEY_LENGTH),
                body,
                truncate(reason, MAX_REASON_LENGTH),
                reconsumeTimes,
                Timestamps.sql(Timestamps.now()));
        meters.counter("inventory.parked.messages", "topic", topic).increment();
    }

    /** Newest first. */
    public Page<ParkedMessage> page(PageWindow window) {
        return parked.findAll(PageRequest.of(window.page(), window.size(), Sort.by(Sort.Direction.DESC, "id")));
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
