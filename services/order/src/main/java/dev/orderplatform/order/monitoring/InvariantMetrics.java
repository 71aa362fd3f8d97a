package dev.orderplatform.order.monitoring;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.order.audit.AuditCollector;
import dev.orderplatform.order.audit.AuditCollector.DeductionAudit;
import dev.orderplatform.order.reconciliation.ReconciliationProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.exception.MQClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The invariant of docs/protocol.md as metrics (issue 13): every {@code orderplatform.monitoring.interval}, the
 * bounded structural audit of the unsettled deductions ({@link AuditCollector#auditUnsettledDeductions}) and the
 * depth of both consumer groups' dead-letter queues, exported as gauges that keep the last run's values. Every
 * replica exports the same platform-wide values: aggregate them with {@code max}, not {@code sum}.
 */
@Component
public class InvariantMetrics implements SchedulingConfigurer {

    /** The violation kinds the periodic audit checks: always exported, 0 when none was found. */
    static final List<String> AUDITED_KINDS =
            List.of("DEDUCTED_WITHOUT_ORDER", "DEDUCTED_FOR_CLOSED_ORDER", "QUANTITY_MISMATCH");

    static final List<String> CONSUMER_GROUPS = List.of(Topics.INVENTORY_REBACK_GROUP, Topics.ORDER_TIMEOUT_GROUP);

    private static final Logger log = LoggerFactory.getLogger(InvariantMetrics.class);

    private final AuditCollector audit;
    private final DeadLetterQueues deadLetters;
    private final MonitoringProperties properties;
    private final ReconciliationProperties reconciliation;
    private final MultiGauge violations;
    private final MultiGauge deadLetterMessages;
    private final AtomicLong inDoubt = new AtomicLong();
    private final AtomicLong pastGrace = new AtomicLong();
    private final AtomicLong examined = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicLong lastAudit = new AtomicLong();

    public InvariantMetrics(
            AuditCollector audit,
            DeadLetterQueues deadLetters,
            MonitoringProperties properties,
            ReconciliationProperties reconciliation,
            MeterRegistry registry) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.reconciliation = reconciliation;
        violations = MultiGauge.builder("orderplatform.invariant.violations")
                .description("Invariant violations among the unsettled deductions at the last periodic audit, by kind")
                .register(registry);
        deadLetterMessages = MultiGauge.builder("orderplatform.dead.letter.messages")
                .description("Messages in the dead-letter queue %DLQ%<group> of each consumer group")
                .register(registry);
        Gauge.builder("orderplatform.invariant.in.doubt.orders", inDoubt, AtomicLong::get)
                .description("Deductions without a live order younger than the reconciliation grace (check-back or "
                        + "return still to come)")
                .register(registry);
        Gauge.builder("orderplatform.invariant.deducted.past.grace", pastGrace, AtomicLong::get)
                .description("DEDUCTED records without a live order older than the reconciliation grace (stuck)")
                .register(registry);
        Gauge.builder("orderplatform.invariant.audit.records", examined, AtomicLong::get)
                .description("Unsettled DEDUCTED records the last periodic audit looked at")
                .register(registry);
        Gauge.builder("orderplatform.invariant.audit.truncated", truncated, AtomicLong::get)
                .description("1 when the last periodic audit stopped at orderplatform.monitoring.max-records")
                .register(registry);
        Gauge.builder("orderplatform.invariant.audit.timestamp", lastAudit, AtomicLong::get)
                .description("When the last periodic audit succeeded (epoch seconds)")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.enabled()) {
            registrar.addFixedDelayTask(this::refreshSafely, properties.interval());
        }
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Invariant metrics not refreshed; next try in {}", properties.interval(), e);
        }
    }

    /** One run: audits, reads the dead-letter queues, updates the gauges. */
    public synchronized void refresh() {
        refreshDeadLetters();
        DeductionAudit result =
                audit.auditUnsettledDeductions(Instant.now().minus(reconciliation.grace()), properties.maxRecords());
        Map<String, Integer> byKind = new TreeMap<>(result.violationsByType());
        AUDITED_KINDS.forEach(kind -> byKind.putIfAbsent(kind, 0));
        violations.register(
                byKind.entrySet().stream()
                        .map(kind -> MultiGauge.Row.of(Tags.of("kind", kind.getKey()), kind.getValue()))
                        .toList(),
                true);
        inDoubt.set(result.inDoubt());
        pastGrace.set(result.pastGrace());
        examined.set(result.examined());
        truncated.set(result.truncated() ? 1 : 0);
        lastAudit.set(Instant.now().getEpochSecond());
    }

    private void refreshDeadLetters() {
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String group : CONSUMER_GROUPS) {
                rows.add(MultiGauge.Row.of(Tags.of("group", group), deadLetters.depth(group)));
            }
            deadLetterMessages.register(rows, true);
        } catch (MQClientException e) {
            log.warn("Dead-letter queue depths not refreshed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
