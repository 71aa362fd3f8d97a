package dev.orderplatform.inventory;

import dev.orderplatform.web.EnablePlatformWebSupport;
import dev.orderplatform.web.rocketmq.RocketMqClientLogging;
import dev.orderplatform.web.security.EndpointAuthorization;
import dev.orderplatform.web.security.Roles;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The inventory service: stock per goods, deducted per order by gRPC {@code Sell} and returned exactly once by the
 * {@code order_reback} consumer. The protocol itself (anomalies A4, A5, A6, A10) is in
 * {@link dev.orderplatform.inventory.sell.SellService}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnablePlatformWebSupport
public class InventoryApplication {

    public static void main(String[] args) {
        RocketMqClientLogging.toStandardOutput();
        SpringApplication.run(InventoryApplication.class, args);
    }

    /** Every HTTP endpoint of this service is administrative: stock, sell records, parked messages. */
    @Bean
    EndpointAuthorization inventoryEndpoints() {
        return requests -> requests.requestMatchers("/api/v1/**").hasRole(Roles.ADMIN);
    }
}
