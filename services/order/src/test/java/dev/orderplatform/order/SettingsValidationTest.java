package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.infra.junit.StartUpSettings;
import dev.orderplatform.order.admission.AdmissionProperties;
import dev.orderplatform.order.idempotency.IdempotencyProperties;
import dev.orderplatform.order.monitoring.MonitoringProperties;
import dev.orderplatform.order.reconciliation.ReconciliationProperties;
import dev.orderplatform.order.timeout.TimeoutSweeperProperties;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The order service's own settings as it binds them at start-up: a value outside its range fails the start and names
 * the setting, rather than meaning something else (a negative admission limit read as "no limit" would switch the
 * protection off without a word).
 */
class SettingsValidationTest {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @ParameterizedTest
    @CsvSource({
        "orderplatform.order.admission.max-concurrent-requests=-1, maxConcurrentRequests, -1",
        "orderplatform.order.admission.max-wait=-1s,               maxWait,               PT-1S",
        "orderplatform.order.timeout=0s,                           timeout,               PT0S",
        "orderplatform.order.grpc-deadline=-3s,                    grpcDeadline,          PT-3S",
        "orderplatform.order.max-cart-items=0,                     maxCartItems,          0",
        "orderplatform.order.cart-catalogue-ttl=-1s,               cartCatalogueTtl,      PT-1S",
        "orderplatform.order.creation-catalogue-ttl=-1ms,          creationCatalogueTtl,  PT-0.001S",
        "orderplatform.order.protocol-connections=-8,              protocolConnections,   -8",
        // A batch or page of 0 never ends a sweep, cleanup or reconciliation run: each loops while a batch is full.
        "orderplatform.timeout-sweeper.batch-size=0,               batchSize,             0",
        "orderplatform.timeout-sweeper.interval=0s,                interval,              PT0S",
        "orderplatform.timeout-sweeper.grace=-1s,                  grace,                 PT-1S",
        "orderplatform.idempotency.cleanup-batch=0,                cleanupBatch,          0",
        "orderplatform.idempotency.cleanup-interval=0s,            cleanupInterval,       PT0S",
        "orderplatform.idempotency.retention=0s,                   retention,             PT0S",
        "orderplatform.reconciliation.page-size=0,                 pageSize,              0",
        "orderplatform.reconciliation.interval=-5m,                interval,              PT-5M",
        "orderplatform.reconciliation.grace=-1s,                   grace,                 PT-1S",
        "orderplatform.monitoring.interval=0s,                     interval,              PT0S",
        "orderplatform.rocketmq.name-server=,                      nameServer,            ''",
        "orderplatform.rocketmq.check-threads=0,                   checkThreads,          0",
        "orderplatform.rocketmq.send-timeout=0s,                   sendTimeout,           PT0S",
        "orderplatform.rocketmq.timer-max-delay=-1s,               timerMaxDelay,         PT-1S"
    })
    void aValueOutOfRangeFailsTheStartNamingTheSetting(String setting, String field, String rejected) {
        StartUpSettings.assertStartFailsNaming(contextRunner, setting, field, rejected);
    }

    @ParameterizedTest
    @CsvSource({"0, PT0S", "1, PT0.001S"})
    void theAdmissionSettingsLowestValuesBind(int maxConcurrentRequests, Duration maxWait) {
        contextRunner
                .withPropertyValues(
                        "orderplatform.order.admission.max-concurrent-requests=" + maxConcurrentRequests,
                        "orderplatform.order.admission.max-wait=" + maxWait.toMillis() + "ms")
                .run(context -> assertThat(context.getBean(AdmissionProperties.class))
                        .isEqualTo(new AdmissionProperties(maxConcurrentRequests, maxWait)));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({
        OrderProperties.class,
        AdmissionProperties.class,
        TimeoutSweeperProperties.class,
        IdempotencyProperties.class,
        ReconciliationProperties.class,
        MonitoringProperties.class,
        RocketMqProperties.class
    })
    static class Bound {}
}
