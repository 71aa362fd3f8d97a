package dev.orderplatform.goods;

import dev.orderplatform.web.EnablePlatformWebSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The goods service: the product catalogue. gRPC (port {@code spring.grpc.server.port}, 9091) serves the order
 * service; HTTP (8081) serves browsing (open) and administration (ADMIN role).
 */
@SpringBootApplication
@EnablePlatformWebSupport
public class GoodsApplication {

    public static void main(String[] args) {
        SpringApplication.run(GoodsApplication.class, args);
    }
}
