package dev.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.order.protocol.ProtocolBeans;
import dev.orderplatform.order.reconciliation.ReconciliationBeans;
import dev.orderplatform.order.timeout.TimeoutBeans;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Which beans {@code orderplatform.protocol.mode} registers at start-up (as {@link OrderApplication} imports them):
 * default reliable, lenient spelling, unknown values fail. Bean definitions only: the beans themselves need a
 * database and a broker (the mode tests start them).
 */
class ProtocolModeBeansTest {

    private static final String[] CONSISTENT_MODE_BEANS = {
        "transactionalProducer", "reliableMessageProtocol", "orderTimeoutConsumer", "timeoutSweeper", "reconciliation"
    };

    @Test
    void theDefaultIsTheReliableProtocolWithItsTimeoutAndReconciliation() {
        assertThat(registered().getBeanDefinitionNames()).containsExactlyInAnyOrder(CONSISTENT_MODE_BEANS);
    }

    @Test
    void theBaselineHasItsProtocolAndNothingElse() {
        assertThat(registered("orderplatform.protocol.mode=baseline").getBeanDefinitionNames())
                .containsExactly("baselineProtocol");
    }

    @Test
    void producerPerRequestIsPrimaryOverTheReliableProtocolItDelegatesTo() {
        for (String spelling : new String[] {"producer-per-request", "PRODUCER_PER_REQUEST"}) {
            GenericApplicationContext context = registered("orderplatform.protocol.mode=" + spelling);
            assertThat(context.getBeanDefinitionNames()).contains(CONSISTENT_MODE_BEANS);
            assertThat(context.getBeanDefinition("producerPerRequestProtocol").isPrimary())
                    .isTrue();
            assertThat(context.getBeanDefinition("reliableMessageProtocol").isPrimary())
                    .isFalse();
        }
    }

    @Test
    void theSweeperCanBeSwitchedOff() {
        assertThat(registered("orderplatform.timeout-sweeper.enabled=false").getBeanDefinitionNames())
                .contains("orderTimeoutConsumer")
                .doesNotContain("timeoutSweeper");
    }

    @Test
    void anUnknownModeFailsTheStart() {
        assertThatThrownBy(() -> registered("orderplatform.protocol.mode=fast")).isInstanceOf(BindException.class);
    }

    private static GenericApplicationContext registered(String... properties) {
        GenericApplicationContext context = new GenericApplicationContext();
        TestPropertyValues.of(properties).applyTo(context);
        context.register(new ProtocolBeans(), new TimeoutBeans(), new ReconciliationBeans());
        return context;
    }
}
