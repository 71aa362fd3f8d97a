package dev.orderplatform.inventory.reback;

import dev.orderplatform.infra.junit.StartUpSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The return consumer's settings as the service binds them at start-up: a value outside its range fails the start
 * and names the setting, rather than failing later inside the RocketMQ client (no consume threads) or meaning
 * RocketMQ's own default (a negative redelivery count).
 */
class RebackSettingsValidationTest {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @ParameterizedTest
    @CsvSource({
        "orderplatform.inventory.reback.consume-threads=0,       consumeThreads,    0",
        "orderplatform.inventory.reback.max-reconsume-times=-1,  maxReconsumeTimes, -1",
        "orderplatform.inventory.reback.shutdown-await=-1s,      shutdownAwait,     PT-1S"
    })
    void aValueOutOfRangeFailsTheStartNamingTheSetting(String setting, String field, String rejected) {
        StartUpSettings.assertStartFailsNaming(contextRunner, setting, field, rejected);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RebackProperties.class)
    static class Bound {}
}
