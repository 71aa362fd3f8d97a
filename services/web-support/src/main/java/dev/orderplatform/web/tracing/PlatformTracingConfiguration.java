package dev.orderplatform.web.tracing;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Tracing defaults of every service ({@code orderplatform-tracing.properties}: no export unless configured), the end
 * of a request's order-number log context, and, in the services that use RocketMQ, {@link MessageTracing}.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:orderplatform-tracing.properties")
public class PlatformTracingConfiguration {

    @Bean
    OrderLogContextFilter orderLogContextFilter() {
        return new OrderLogContextFilter();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.rocketmq.client.producer.DefaultMQProducer")
    static class Messages {

        @Bean
        MessageTracing messageTracing(ObjectProvider<ObservationRegistry> observations) {
            return new MessageTracing(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        }
    }
}
