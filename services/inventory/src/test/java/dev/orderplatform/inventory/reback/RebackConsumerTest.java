package dev.orderplatform.inventory.reback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.orderplatform.web.tracing.MessageTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** How the listener answers the broker, without a broker. */
class RebackConsumerTest {

    final RebackMessageHandler handler = mock(RebackMessageHandler.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RebackConsumer consumer = new RebackConsumer(
            handler,
            new RebackProperties(true, 1, 16, Duration.ofSeconds(1)),
            "127.0.0.1:1",
            meters,
            new MessageTracing(ObservationRegistry.NOOP));

    @Test
    void handledMessagesAreAcknowledged() {
        when(handler.handle(any())).thenReturn(RebackMessageHandler.Handled.PARKED);

        assertThat(consumer.consumeMessage(List.of(new MessageExt()), null))
                .isEqualTo(ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
    }

    @Test
    void databaseFailureAsksForRedelivery() {
        when(handler.handle(any())).thenThrow(new DataAccessResourceFailureException("database down"));

        assertThat(consumer.consumeMessage(List.of(new MessageExt()), null))
                .isEqualTo(ConsumeConcurrentlyStatus.RECONSUME_LATER);
        assertThat(meters.counter("inventory.reback.failures").count()).isOne();
    }
}
