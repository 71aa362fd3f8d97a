package dev.orderplatform.order;

import dev.orderplatform.order.protocol.ProtocolBeans;
import dev.orderplatform.order.reconciliation.ReconciliationBeans;
import dev.orderplatform.order.timeout.TimeoutBeans;
import dev.orderplatform.web.EnablePlatformWebSupport;
import dev.orderplatform.web.rocketmq.RocketMqClientLogging;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The order service: cart, orders, payment, order timeout, and the reliable-message order protocol that keeps
 * orders and stock consistent (package {@code protocol}; docs/protocol.md).
 */
@SpringBootApplication
@EnablePlatformWebSupport
@ConfigurationPropertiesScan
@EnableScheduling
@Import({ProtocolBeans.class, TimeoutBeans.class, ReconciliationBeans.class}) // by protocol mode, at start-up
public class OrderApplication {

    public static void main(String[] args) {
        RocketMqClientLogging.toStandardOutput();
        SpringApplication.run(OrderApplication.class, args);
    }
}
