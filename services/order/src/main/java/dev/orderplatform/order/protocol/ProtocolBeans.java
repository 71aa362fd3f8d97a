package dev.orderplatform.order.protocol;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.core.env.Environment;

/**
 * The order protocol of the configured {@link ProtocolMode}, registered when the context starts. Not
 * {@code @Conditional}: Spring AOT, which the services start with (docs/development.md), evaluates conditions once at
 * build time, and the benchmark runs one build in every mode. {@code timeout.TimeoutBeans} and
 * {@code reconciliation.ReconciliationBeans} do the same for the parts the baseline has not.
 */
public class ProtocolBeans implements BeanRegistrar {

    @Override
    public void register(BeanRegistry registry, Environment environment) {
        ProtocolMode mode = ProtocolMode.configured(environment);
        if (mode == ProtocolMode.BASELINE) {
            registry.registerBean("baselineProtocol", BaselineProtocol.class);
            return;
        }
        registry.registerBean("transactionalProducer", TransactionalProducer.class);
        registry.registerBean("reliableMessageProtocol", ReliableMessageProtocol.class);
        if (mode == ProtocolMode.PRODUCER_PER_REQUEST) {
            // Primary over the ReliableMessageProtocol it delegates to.
            registry.registerBean(
                    "producerPerRequestProtocol", ProducerPerRequestProtocol.class, bean -> bean.primary());
        }
    }
}
