package dev.orderplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT caches that the build's training run wrote (phase package, {@link AotCacheTraining}) are the ones the
 * launched services start with: each service's own classes come from the cache ("source: shared objects file" in the
 * JVM's class loading log), not from its jars.
 */
class AotCacheIT {

    private static final Map<Component, String> APPLICATION_CLASSES = Map.of(
            Component.GOODS, "dev.orderplatform.goods.GoodsApplication",
            Component.INVENTORY, "dev.orderplatform.inventory.InventoryApplication",
            Component.ORDER, "dev.orderplatform.order.OrderApplication");

    @TempDir
    Path workDir;

    @Test
    void theLaunchedServicesLoadTheirClassesFromTheTrainedCache() throws IOException {
        // A JDK < 25 has no AOT cache, and a build with -Daot.training.skip=true trained none: nothing to check then.
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25+, this is " + Runtime.version());
        assumeFalse(Boolean.getBoolean("aot.training.skip"), "built with -Daot.training.skip=true");
        Map<Component, List<String>> classLoadingLogs = new EnumMap<>(Component.class);
        APPLICATION_CLASSES
                .keySet()
                .forEach(service -> classLoadingLogs.put(
                        service, List.of("-Xlog:class+load=info:file=" + classLoadingLog(service))));
        LocalPlatformOptions options = LocalPlatformOptions.defaults(workDir, Path.of("target"))
                .withRandomPorts()
                .withJvmOptions(classLoadingLogs);
        List<String> progress = Collections.synchronizedList(new ArrayList<>());

        try (LocalPlatform platform = LocalPlatform.start(options, progress::add)) {
            assertThat(progress).noneMatch(line -> line.contains("without AOT cache"));
            for (Map.Entry<Component, String> service : APPLICATION_CLASSES.entrySet()) {
                Path log = classLoadingLog(service.getKey());
                assertThat(Files.readString(log).contains(service.getValue() + " source: shared objects file"))
                        .as("%s loaded from the AOT cache (%s)", service.getValue(), log)
                        .isTrue();
            }
        }
    }

    private Path classLoadingLog(Component service) {
        return workDir.resolve(service.processName() + "-class-load.log");
    }
}
