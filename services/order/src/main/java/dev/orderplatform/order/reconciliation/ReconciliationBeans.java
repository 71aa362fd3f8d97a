package dev.orderplatform.order.reconciliation;

import dev.orderplatform.order.protocol.ProtocolMode;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.core.env.Environment;

/**
 * The reconciliation (A11), in the consistent protocol modes only (the baseline returns no stock); registered at
 * start-up for the reason given in {@link dev.orderplatform.order.protocol.ProtocolBeans}.
 */
public class ReconciliationBeans implements BeanRegistrar {

    @Override
    public void register(BeanRegistry registry, Environment environment) {
        if (ProtocolMode.configured(environment).consistent()) {
            registry.registerBean("reconciliation", Reconciliation.class);
        }
    }
}
