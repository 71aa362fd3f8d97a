package dev.orderplatform.k8s.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code prometheus} and {@code promtool} are: the versioned directory that {@code k8s-testkit/build-binaries.sh}
 * fills next to the control plane's ({@code prometheus-v<PROMETHEUS_VERSION>}, version pinned in
 * {@code k8s-versions.properties}). Tests that need them skip with {@link #missingReason()} when they are not there
 * and cannot be built.
 */
public record PrometheusBinaries(Path prometheus, Path promtool, String version) {

    /** The binaries, building them first (build-binaries.sh) when they are missing and Go is installed. */
    public static Optional<PrometheusBinaries> find() {
        Path directory = directory();
        PrometheusBinaries binaries =
                new PrometheusBinaries(directory.resolve("prometheus"), directory.resolve("promtool"), pinnedVersion());
        if (!binaries.present() && ControlPlaneBinaries.goInstalled()) {
            ControlPlaneBinaries.runBuildScript("prometheus and promtool", binaries::present);
        }
        return binaries.present() ? Optional.of(binaries) : Optional.empty();
    }

    private boolean present() {
        return Files.isExecutable(prometheus) && Files.isExecutable(promtool);
    }

    /** One line: why they are missing and how to get them. */
    public static String missingReason() {
        return "no prometheus and promtool v" + pinnedVersion() + " in " + directory()
                + " and no Go to build them: run k8s-testkit/build-binaries.sh on a machine with Go >= 1.26 and the Go module proxy";
    }

    private static Path directory() {
        return ControlPlaneBinaries.cacheRoot().resolve("prometheus-v" + pinnedVersion());
    }

    private static String pinnedVersion() {
        return ControlPlaneBinaries.versions().getProperty("PROMETHEUS_VERSION");
    }
}
