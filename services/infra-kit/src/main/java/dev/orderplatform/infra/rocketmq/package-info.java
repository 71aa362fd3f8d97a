/**
 * A real RocketMQ 5.5 name server and broker for tests and the local launcher: {@link
 * dev.orderplatform.infra.rocketmq.EmbeddedRocketMq} in this JVM, {@link
 * dev.orderplatform.infra.rocketmq.RocketMqServerMain} as a process of its own; and {@link
 * dev.orderplatform.infra.rocketmq.RocketMqNodeMain}, one name server or broker per process, the main of the
 * broker image the operator deploys. All start their servers the same way ({@code RocketMqNodes}), with the
 * project's fix of the idle transactional-op thread.
 */
package dev.orderplatform.infra.rocketmq;
