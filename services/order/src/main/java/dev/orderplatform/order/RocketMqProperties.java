package dev.orderplatform.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker ({@code orderplatform.rocketmq.*}).
 *
 * @param nameServer   name server address, {@code host:port}
 * @param checkThreads threads answering the broker's check-backs (each may wait on a running local transaction)
 * @param sendTimeout  timeout of one send to the broker
 * @param timerMaxDelay the broker's longest timer delay ({@code timerMaxDelaySec}), as whoever configured the broker
 *                     tells it (the operator, the local launcher); RocketMQ's default, 3 days, otherwise
 */
// InvalidParam: {@code timerMaxDelaySec} is the broker.conf key, not a misspelt parameter.
@SuppressWarnings("InvalidParam")
@ConfigurationProperties("orderplatform.rocketmq")
public record RocketMqProperties(
        @DefaultValue("127.0.0.1:9876") String nameServer,
        @DefaultValue("4") int checkThreads,
        @DefaultValue("3s") Duration sendTimeout,
        @DefaultValue("3d") Duration timerMaxDelay) {}
