package dev.orderplatform.order;

import dev.orderplatform.web.EnablePlatformWebSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The order service: cart, orders, payment, order timeout, and the reliable-message order protocol that keeps
 * orders and stock consistent (package {@code protocol}; docs/protocol.md).
 */
@SpringBootApplication
@EnablePlatformWebSupport
@ConfigurationPropertiesScan
@EnableScheduling
public class OrderApplication {

    public static void main(String[] args) {
        // The RocketMQ client logs an INFO line for every transactional send (its own logback, not Spring's
        // logging); warnings and errors are what an operator needs from it. -Drocketmq.log.level=info brings it back.
        if (System.getProperty("rocketmq.log.level") == null) {
            System.setProperty("rocketmq.log.level", "warn");
        }
        SpringApplication.run(OrderApplication.class, args);
    }
}
