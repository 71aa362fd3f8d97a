package dev.orderplatform.order.protocol;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Makes the protocol mode impossible to miss: a WARN once the application is ready when it is not {@code reliable},
 * the gauge {@code orderplatform_protocol_mode{mode="...",consistent="..."} 1}, and {@code protocol} in
 * {@code /actuator/info}.
 */
@Component
class ProtocolModeReport implements InfoContributor, ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ProtocolModeReport.class);

    private final ProtocolMode mode;

    ProtocolModeReport(ProtocolProperties properties, MeterRegistry registry) {
        this.mode = properties.mode();
        Gauge.builder("orderplatform.protocol.mode", () -> 1)
                .description("The order protocol mode this process runs (only reliable keeps the stock guarantees)")
                .tag("mode", mode.value())
                .tag("consistent", String.valueOf(mode.consistent()))
                .register(registry);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (mode != ProtocolMode.RELIABLE) {
            log.warn(
                    "{}={}: FOR BENCHMARKS ONLY. {} Never run this mode with real orders.",
                    ProtocolMode.PROPERTY,
                    mode.value(),
                    warning());
        }
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("mode", mode.value());
        protocol.put("consistent", mode.consistent());
        protocol.put("benchmarkOnly", mode != ProtocolMode.RELIABLE);
        if (mode != ProtocolMode.RELIABLE) {
            protocol.put("warning", warning());
        }
        builder.withDetail("protocol", protocol);
    }

    private String warning() {
        return switch (mode) {
            case BASELINE ->
                "No-consistency baseline: no stock-return message, no order timeout, no reconciliation; "
                        + "stock deducted for an order that is then not stored is lost, unpaid orders are never closed. "
                        + "This breaks the stock guarantees (docs/protocol.md).";
            case PRODUCER_PER_REQUEST ->
                "A new transactional producer is started and shut down for every order "
                        + "(the classic design): this gives up A9, one of the stock guarantees (docs/protocol.md); the "
                        + "check-backs of its half messages are left to the process's long-lived producer.";
            case RELIABLE -> "";
        };
    }
}
