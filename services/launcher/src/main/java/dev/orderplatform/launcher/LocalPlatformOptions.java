package dev.orderplatform.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to run a local platform.
 *
 * @param workDir        data, logs and broker store; kept between runs only if the caller keeps it
 * @param servicesDir    where goods.jar, inventory.jar and order.jar are (the launcher module's target/services)
 * @param orderTimeout   how long an order may stay unpaid before the platform closes it
 * @param randomPorts    free ports everywhere (tests, CI) instead of the documented defaults 8080-8082, 9091-9092
 * @param productionLikeBroker broker check-back every 30 s as in production, instead of every second
 * @param serviceProperties extra Spring properties per service (e.g. for benchmarks), passed as --key=value
 */
public record LocalPlatformOptions(
        Path workDir,
        Path servicesDir,
        Duration orderTimeout,
        boolean randomPorts,
        boolean productionLikeBroker,
        Map<Component, Map<String, String>> serviceProperties) {

    public LocalPlatformOptions {
        serviceProperties = Map.copyOf(serviceProperties);
    }

    public static LocalPlatformOptions defaults(Path workDir, Path servicesDir) {
        return new LocalPlatformOptions(workDir, servicesDir, Duration.ofMinutes(30), false, false, Map.of());
    }

    public LocalPlatformOptions withOrderTimeout(Duration timeout) {
        return new LocalPlatformOptions(workDir, servicesDir, timeout, randomPorts, productionLikeBroker,
                serviceProperties);
    }

    public LocalPlatformOptions withRandomPorts() {
        return new LocalPlatformOptions(workDir, servicesDir, orderTimeout, true, productionLikeBroker,
                serviceProperties);
    }

    public LocalPlatformOptions withServiceProperties(Map<Component, Map<String, String>> properties) {
        return new LocalPlatformOptions(workDir, servicesDir, orderTimeout, randomPorts, productionLikeBroker,
                properties);
    }
}
