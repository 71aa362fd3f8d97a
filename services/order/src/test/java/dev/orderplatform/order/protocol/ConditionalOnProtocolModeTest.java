package dev.orderplatform.order.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How {@code orderplatform.protocol.mode} selects beans: default reliable, lenient spelling, unknown values fail. */
class ConditionalOnProtocolModeTest {

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        @ConditionalOnProtocolMode({ProtocolMode.RELIABLE, ProtocolMode.PRODUCER_PER_REQUEST})
        String messaging() {
            return "messaging";
        }

        @Bean
        @ConditionalOnProtocolMode(ProtocolMode.BASELINE)
        Integer baseline() {
            return 0;
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Beans.class);

    @Test
    void defaultIsReliable() {
        runner.run(context -> assertThat(context).hasBean("messaging").doesNotHaveBean("baseline"));
    }

    @Test
    void modesAreBoundLikeTheProperties() {
        runner.withPropertyValues("orderplatform.protocol.mode=baseline")
                .run(context -> assertThat(context).hasBean("baseline").doesNotHaveBean("messaging"));
        runner.withPropertyValues("orderplatform.protocol.mode=PRODUCER_PER_REQUEST")
                .run(context -> assertThat(context).hasBean("messaging").doesNotHaveBean("baseline"));
        runner.withPropertyValues("orderplatform.protocol.mode=producer-per-request")
                .run(context -> assertThat(context).hasBean("messaging").doesNotHaveBean("baseline"));
    }

    @Test
    void anUnknownModeFailsTheStart() {
        runner.withPropertyValues("orderplatform.protocol.mode=fast")
                .run(context -> assertThat(context).hasFailed());
    }
}
