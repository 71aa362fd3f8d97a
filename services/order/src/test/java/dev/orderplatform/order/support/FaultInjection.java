package dev.orderplatform.order.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GlobalClientInterceptor;

/** The fault-injection beans of an order application under test: protocol hooks and the Sell interceptor. */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {

    @Bean
    TestHooks testHooks() {
        return new TestHooks();
    }

    @Bean
    @GlobalClientInterceptor
    SellFaults sellFaults() {
        return new SellFaults();
    }
}
