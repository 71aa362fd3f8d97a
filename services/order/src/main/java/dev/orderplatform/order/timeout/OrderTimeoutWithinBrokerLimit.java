package dev.orderplatform.order.timeout;

import dev.orderplatform.contracts.TimerLimits;
import dev.orderplatform.order.OrderProperties;
import dev.orderplatform.order.RocketMqProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the broker would refuse every order's timeout message: a timer message due later than the
 * broker's {@code timerMaxDelaySec} is rejected, so each order creation would fail instead. The limit is the one the
 * broker was configured with, as told to this service ({@link TimerLimits#TIMER_MAX_DELAY_PROPERTY}); asking the
 * broker itself would need its admin API, which the platform keeps for the operator.
 */
@Component
class OrderTimeoutWithinBrokerLimit {

    OrderTimeoutWithinBrokerLimit(OrderProperties order, RocketMqProperties rocketMq) {
        if (order.timeout().compareTo(rocketMq.timerMaxDelay()) > 0) {
            String limit = TimerLimits.TIMER_MAX_DELAY_PROPERTY;
            throw new IllegalStateException("orderplatform.order.timeout " + order.timeout() + " is longer than the "
                    + "broker's longest timer delay " + rocketMq.timerMaxDelay() + " (" + limit + ", the broker's "
                    + "timerMaxDelaySec): the broker would refuse every order's timeout message. Raise the broker's "
                    + "timerMaxDelaySec and " + limit + ", or shorten the order timeout.");
        }
    }
}
