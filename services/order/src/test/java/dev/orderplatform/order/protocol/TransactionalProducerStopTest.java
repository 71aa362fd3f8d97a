package dev.orderplatform.order.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.order.OrderServiceTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The producer stops after the web server and the consumers, inside the order service's shutdown and a pod's
 * termination grace period (30 s by default). Its RocketMQ client's batch accumulator makes the stop wait for two
 * sleeping threads: with a 30 s hold, every stop took up to 15 s.
 */
class TransactionalProducerStopTest extends OrderServiceTest {

    @Autowired
    TransactionalProducer producer;

    @Test
    void aFreshlyStartedProducerStopsWithinSeconds() {
        producer.stop();
        producer.start(); // the accumulator's threads have just begun their first sleep
        Duration took;
        try {
            long stopping = System.nanoTime();
            producer.stop();
            took = Duration.ofNanos(System.nanoTime() - stopping);
        } finally {
            producer.start();
        }
        assertThat(took).as("time to stop the producer").isLessThan(Duration.ofSeconds(5));
    }
}
