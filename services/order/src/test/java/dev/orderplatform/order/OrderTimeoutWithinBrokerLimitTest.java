package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.contracts.TimerLimits;
import dev.orderplatform.infra.junit.PlatformInfrastructure;
import dev.orderplatform.infra.junit.WithPlatformInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** An order timeout the broker would refuse as a timer delay stops the service at start-up, not every order. */
@WithPlatformInfrastructure
class OrderTimeoutWithinBrokerLimitTest {

    @Test
    void refusesToStartWithATimeoutLongerThanTheBrokersTimerLimit() {
        Map<String, Object> properties = new LinkedHashMap<>();
        var infra = PlatformInfrastructure.shared();
        infra.mariaDb().createSchema("orders");
        properties.put("spring.datasource.url", infra.mariaDb().jdbcUrl("orders"));
        properties.put("spring.datasource.username", infra.mariaDb().username());
        properties.put("spring.datasource.password", infra.mariaDb().password());
        properties.put("orderplatform.rocketmq.name-server", infra.rocketMq().nameServerAddress());
        properties.put("orderplatform.jwt.secret", "order-timeout-limit-test-secret-0123456789");
        properties.put("orderplatform.reconciliation.enabled", "false");
        properties.put("server.port", "0");
        properties.put("orderplatform.order.timeout", "4d");
        properties.put(TimerLimits.TIMER_MAX_DELAY_PROPERTY, "3d");
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);

        assertThatThrownBy(() -> new SpringApplicationBuilder(OrderApplication.class)
                        .run(args)
                        .close())
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "orderplatform.order.timeout PT96H is longer than the broker's longest timer " + "delay PT72H");
    }
}
