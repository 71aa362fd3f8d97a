package dev.orderplatform.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run a local platform.
 *
 * @param workDir        data, logs and broker store; kept between runs only if the caller keeps it
 * @param launcherDir    the launcher module's build output: the launcher jar (its manifest names lib/, the classpath
 *                       of the database and broker processes) and services/ with goods, inventory and order, each
 *                       extracted by the build ({@link ServicePackage}) with the AOT cache of its training run
 * @param orderTimeout   how long an order may stay unpaid before the platform closes it
 * @param randomPorts    free ports everywhere (tests, CI) instead of the documented defaults 8080-8082, 9091-9092
 * @param productionLikeBroker broker check-back every 30 s as in production, instead of every second
 * @param serviceProperties extra Spring properties per service (e.g. for benchmarks), passed as --key=value
 * @param aotCache       whether the services start with their AOT cache (start-up benchmarks compare both)
 * @param jvmOptions     extra JVM options per service (e.g. logging of the JVM itself), before the launcher's own
 */
public record LocalPlatformOptions(
        Path workDir,
        Path launcherDir,
        Duration orderTimeout,
        boolean randomPorts,
        boolean productionLikeBroker,
        Map<Component, Map<String, String>> serviceProperties,
        AotCacheMode aotCache,
        Map<Component, List<String>> jvmOptions) {

    public LocalPlatformOptions {
        serviceProperties = Map.copyOf(serviceProperties);
        jvmOptions = Map.copyOf(jvmOptions);
    }

    public static LocalPlatformOptions defaults(Path workDir, Path launcherDir) {
        return new LocalPlatformOptions(
                workDir, launcherDir, Duration.ofMinutes(30), false, false, Map.of(), AotCacheMode.USE, Map.of());
    }

    public LocalPlatformOptions withOrderTimeout(Duration timeout) {
        return new LocalPlatformOptions(
                workDir,
                launcherDir,
                timeout,
                randomPorts,
                productionLikeBroker,
                serviceProperties,
                aotCache,
                jvmOptions);
    }

    public LocalPlatformOptions withRandomPorts() {
        return new LocalPlatformOptions(
                workDir,
                launcherDir,
                orderTimeout,
                true,
                productionLikeBroker,
                serviceProperties,
                aotCache,
                jvmOptions);
    }

    /** The broker settings the operator deploys (check-backs 10 s after an unknown outcome, every 30 s). */
    public LocalPlatformOptions withProductionLikeBroker() {
        return new LocalPlatformOptions(
                workDir, launcherDir, orderTimeout, randomPorts, true, serviceProperties, aotCache, jvmOptions);
    }

    public LocalPlatformOptions withServiceProperties(Map<Component, Map<String, String>> properties) {
        return new LocalPlatformOptions(
                workDir,
                launcherDir,
                orderTimeout,
                randomPorts,
                productionLikeBroker,
                properties,
                aotCache,
                jvmOptions);
    }

    public LocalPlatformOptions withAotCache(AotCacheMode mode) {
        return new LocalPlatformOptions(
                workDir,
                launcherDir,
                orderTimeout,
                randomPorts,
                productionLikeBroker,
                serviceProperties,
                mode,
                jvmOptions);
    }

    public LocalPlatformOptions withJvmOptions(Map<Component, List<String>> options) {
        return new LocalPlatformOptions(
                workDir,
                launcherDir,
                orderTimeout,
                randomPorts,
                productionLikeBroker,
                serviceProperties,
                aotCache,
                options);
    }

    /** Whether the services start with the AOT cache (JDK 25+, JEP 483/514/515) trained in the launcher's build. */
    public enum AotCacheMode {
        /** With the service's cache if it was trained on this JVM and this build of the service, else without. */
        USE,
        /** Without (a cold start, for comparison). */
        OFF,
        /** A training run: each service JVM writes its cache when it exits. */
        TRAIN
    }
}
