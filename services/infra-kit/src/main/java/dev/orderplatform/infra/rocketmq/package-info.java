/**
 * A real RocketMQ 5.5 name server and broker for tests and the local launcher: {@link
 * dev.orderplatform.infra.rocketmq.EmbeddedRocketMq} in this JVM, {@link
 * dev.orderplatform.infra.rocketmq.RocketMqServerMain} as a process of its own.
 */
package dev.orderplatform.infra.rocketmq;
