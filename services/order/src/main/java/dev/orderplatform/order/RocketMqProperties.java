package dev.orderplatform.order;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("orderplatform.rocketmq")
public record RocketMqProperties(
        @DefaultValue("127.0.0.1:9876") @NotBlank String nameServer,
        @DefaultValue("4") @Min(1) int checkThreads,

        @DefaultValue("3s") @DurationMin(nanos = 0, inclusive = false)
        Duration sendTimeout,

        @DefaultValue("3d") @DurationMin(nanos = 0, inclusive = false)
        Duration timerMaxDelay) {}
