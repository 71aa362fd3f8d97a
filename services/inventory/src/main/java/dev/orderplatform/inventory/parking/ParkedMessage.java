package dev.orderplatform.inventory.parking;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A message the service acknowledged without acting on it, kept for an operator. */
@Table("parked_message")
public record ParkedMessage(@Id Long id, String messageId, String topic, String messageKey, byte[] body,
        String reason, int reconsumeTimes, Instant parkedAt) {
}
