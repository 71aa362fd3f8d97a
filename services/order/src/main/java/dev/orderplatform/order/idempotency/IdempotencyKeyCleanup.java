package dev.orderplatform.order.idempotency;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Deletes idempotency keys older than the retention, periodically and in bounded batches. */
@Component
public class IdempotencyKeyCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    private final IdempotencyKeyRepository keys;
    private final IdempotencyProperties properties;

    IdempotencyKeyCleanup(IdempotencyKeyRepository keys, IdempotencyProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::runSafely, properties.cleanupInterval());
    }

    private void runSafely() {
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            log.warn("Cleanup of expired idempotency keys failed; next run in {}", properties.cleanupInterval(), e);
        }
    }

    /** Deletes every expired key, one batch per statement; answers how many. */
    public int deleteExpired() {
        Instant cutoff = Instant.now().minus(properties.retention());
        int deleted = 0;
        int batch;
        do {
            batch = keys.deleteCreatedBefore(cutoff, properties.cleanupBatch());
            deleted += batch;
        } while (batch == properties.cleanupBatch());
        return deleted;
    }
}
