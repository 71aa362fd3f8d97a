package dev.orderplatform.order.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The admission filter alone, with requests that stay in the service until the test lets them go. */
class RequestAdmissionTest {

    private final CountDownLatch leave = new CountDownLatch(1);
    private final AtomicInteger inService = new AtomicInteger();
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final MeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void letEveryoneGo() {
        leave.countDown();
        requests.close();
    }

    @Test
    void aRequestBeyondTheLimitWaitsForTheTurnOfOneThatEnds() throws Exception {
        RequestAdmission admission = admission(1, Duration.ofSeconds(30));
        CompletableFuture<MockHttpServletResponse> first = holding(admission);
        await().atMost(Duration.ofSeconds(10)).until(() -> inService.get() == 1);

        CompletableFuture<MockHttpServletResponse> second = holding(admission);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        meters.get("orderplatform.admission.waiting").gauge().value() == 1);
        assertThat(inService.get()).as("the second waits outside").isEqualTo(1);

        leave.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(second.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(meters.get("orderplatform.admission.refused").counter().count())
                .isZero();
    }

    @Test
    void aRequestThatWaitsLongerThanAllowedIsRefusedWithoutReachingTheService() throws Exception {
        RequestAdmission admission = admission(1, Duration.ofMillis(100));
        holding(admission);
        await().atMost(Duration.ofSeconds(10)).until(() -> inService.get() == 1);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        admission.doFilter(new MockHttpServletRequest("POST", "/api/v1/orders"), refused, (request, response) -> {
            throw new AssertionError("reached the service");
        });

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"OVERLOADED\"");
        assertThat(meters.get("orderplatform.admission.refused").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aRequestThatFailsGivesItsTurnBack() throws Exception {
        RequestAdmission admission = admission(1, Duration.ZERO);
        FilterChain failing = (request, response) -> {
            throw new ServletException("the service failed");
        };
        assertThatThrownBy(() -> admission.doFilter(
                        new MockHttpServletRequest("POST", "/api/v1/orders"), new MockHttpServletResponse(), failing))
                .isInstanceOf(ServletException.class);

        MockHttpServletResponse next = new MockHttpServletResponse();
        admission.doFilter(new MockHttpServletRequest("GET", "/api/v1/cart"), next, (request, response) -> {});
        assertThat(next.getStatus()).isEqualTo(200);
    }

    @Test
    void withoutALimitNoRequestWaits() throws Exception {
        RequestAdmission admission = admission(0, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            holding(admission);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> inService.get() == 3);
        assertThat(meters.find("orderplatform.admission.waiting").gauge()).isNull();
    }

    private RequestAdmission admission(int maxConcurrentRequests, Duration maxWait) {
        RequestAdmission admission = new RequestAdmission(
                new AdmissionProperties(maxConcurrentRequests, maxWait),
                JsonMapper.builder().build());
        admission.bindTo(meters);
        return admission;
    }

    /** A request that enters the service and stays there until {@link #leave}. */
    private CompletableFuture<MockHttpServletResponse> holding(RequestAdmission admission) {
        return CompletableFuture.supplyAsync(
                () -> {
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    try {
                        admission.doFilter(
                                new MockHttpServletRequest("POST", "/api/v1/cart/items"),
                                response,
                                (request, reply) -> {
                                    inService.incrementAndGet();
                                    try {
                                        leave.await();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                });
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return response;
                },
                requests);
    }
}
