package dev.orderplatform.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/** What the services' meters must show after a request: the request's own timer, nothing of the security inside. */
public final class ObservedMeters {

    private ObservedMeters() {}

    /**
     * The request was observed ({@code requestTimer}, e.g. {@code http.server.requests} or {@code grpc.server}), but
     * neither Spring Security's observations nor any long-task timer were recorded (issue 11: both cost CPU on every
     * request and nothing reads them).
     */
    public static void assertObservedWithoutSecurity(MeterRegistry meters, String requestTimer) {
        assertThat(meters.find(requestTimer).timers()).isNotEmpty();
        assertThat(meters.getMeters())
                .extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("spring.security."));
        assertThat(meters.getMeters())
                .extracting(meter -> meter.getId().getType())
                .doesNotContain(Meter.Type.LONG_TASK_TIMER);
    }
}
