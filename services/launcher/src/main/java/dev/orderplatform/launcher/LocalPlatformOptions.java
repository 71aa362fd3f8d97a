package dev.orderplatform.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to run a local platform.
 *
 * @param workDir        data, logs and broker store; kept between runs only if the caller keeps it
 * @param launcherDir    the launcher module's build output: the launcher jar (its manifest names lib/, the classpath
 *                       of the database and broker processes) and services/ with goods.jar, inventory.jar, order.jar
 * @param orderTimeout   how long an order may stay unpaid before the platform closes it
 * @param randomPorts    free ports everywhere (tests, CI) instead of the documented defaults 8080-8082, 9091-9092
 * @param productionLikeBroker broker check-back every 30 s as in production, instead of every second
 * @param serviceProperties extra Spring properties per service (e.g. for benchmarks), passed as --key=value
 */
public record LocalPlatformOptions(
        Path workDir,
        Path launcherDir,
        Duration orderTimeout,
        boolean randomPorts,
        boolean productionLikeBroker,
        Map<Component, Map<String, String>> serviceProperties) {

    public LocalPlatformOptions {
        serviceProperties = Map.copyOf(serviceProperties);
    }

    public static LocalPlatformOptions defaults(Path workDir, Path launcherDir) {
        return new LocalPlatformOptions(workDir, launcherDir, Duration.ofMinutes(30), false, false, Map.of());
    }

    public LocalPlatformOptions withOrderTimeout(Duration timeout) {
        return new LocalPlatformOptions(
                workDir, launcherDir, timeout, randomPorts, productionLikeBroker, serviceProperties);
    }

    public LocalPlatformOptions withRandomPorts() {
        return new LocalPlatformOptions(
                workDir, launcherDir, orderTimeout, true, productionLikeBroker, serviceProperties);
    }

    public LocalPlatformOptions withServiceProperties(Map<Component, Map<String, String>> properties) {
        return new LocalPlatformOptions(
                workDir, launcherDir, orderTimeout, randomPorts, productionLikeBroker, properties);
    }
}
