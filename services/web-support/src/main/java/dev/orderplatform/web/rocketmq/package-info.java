/** What the order and inventory services share about their RocketMQ clients. References are non-null (JSpecify). */
@NullMarked
package dev.orderplatform.web.rocketmq;

import org.jspecify.annotations.NullMarked;
