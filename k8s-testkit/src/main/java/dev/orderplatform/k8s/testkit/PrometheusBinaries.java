package dev.orderplatform.k8s.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code prometheus} and {@code promtool} are: the versioned directory that {@code k8s-testkit/build-binaries.sh}
 * fills next to the control plane's ({@code prometheus-v<PROMETHEUS_VERSION>}, version pinned in
 * {@code k8s-versions.properties}). Tests that need them skip with {@link #missingReason()} when they are not there.
 */
public record PrometheusBinaries(Path prometheus, Path promtool, String version) {

    /** The binaries, when both are there. */
    public static Optional<PrometheusBinaries> find() {
        Path directory = directory();
        PrometheusBinaries binaries =
                new PrometheusBinaries(directory.resolve("prometheus"), directory.resolve("promtool"), pinnedVersion());
        return Files.isExecutable(binaries.prometheus()) && Files.isExecutable(binaries.promtool())
                ? Optional.of(binaries)
                : Optional.empty();
    }

    /** One line: why they are missing and how to get them. */
    public static String missingReason() {
        return "no prometheus and promtool v" + pinnedVersion() + " in " + directory()
                + ": run k8s-testkit/build-binaries.sh (needs Go >= 1.26 and the Go module proxy)";
    }

    private static Path directory() {
        return ControlPlaneBinaries.cacheRoot().resolve("prometheus-v" + pinnedVersion());
    }

    private static String pinnedVersion() {
        return ControlPlaneBinaries.versions().getProperty("PROMETHEUS_VERSION");
    }
}
