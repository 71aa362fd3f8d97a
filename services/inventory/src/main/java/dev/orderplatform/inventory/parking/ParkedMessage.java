package dev.orderplatform.inventory.parking;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A message the service acknowledged without acting on it, kept for an operator. */
@Table("parked_message")
// The body is a BLOB column mapped as Spring Data JDBC maps it; parked messages are never compared or hashed.
@SuppressWarnings("ArrayRecordComponent")
public record ParkedMessage(
        @Id Long id,
        String messageId,
        String topic,
        String messageKey,
        byte[] body,
        String reason,
        int reconsumeTimes,
        Instant parkedAt) {}
