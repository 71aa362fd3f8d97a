package dev.orderplatform.order.timeout;

import dev.orderplatform.order.protocol.ProtocolMode;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The order timeout's consumer and sweeper, in the consistent protocol modes only (the baseline closes no order);
 * registered at start-up for the reason given in {@link dev.orderplatform.order.protocol.ProtocolBeans}.
 */
public class TimeoutBeans implements BeanRegistrar {

    @Override
    public void register(BeanRegistry registry, Environment environment) {
        if (!ProtocolMode.configured(environment).consistent()) {
            return;
        }
        registry.registerBean("orderTimeoutConsumer", OrderTimeoutConsumer.class);
        boolean sweeperEnabled = Binder.get(environment)
                .bind("orderplatform.timeout-sweeper", TimeoutSweeperProperties.class)
                .map(TimeoutSweeperProperties::enabled)
                .orElse(true);
        if (sweeperEnabled) {
            registry.registerBean("timeoutSweeper", TimeoutSweeper.class);
        }
    }
}
