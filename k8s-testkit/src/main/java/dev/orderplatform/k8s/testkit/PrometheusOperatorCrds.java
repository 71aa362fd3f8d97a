package dev.orderplatform.k8s.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Prometheus Operator's CRDs (monitoring.coreos.com: PodMonitor, PrometheusRule, ...), for tests of what is
 * built on them: the files of its official Go module that {@code k8s-testkit/build-binaries.sh} fetches into
 * {@code prometheus-operator-crds-v<version>} next to the control plane's binaries. When they are missing and Go is
 * installed, {@link #resolve()} runs that script; without Go, {@link #missingReason()} says how to get them.
 *
 * @param directory where the CRD files are, or would be
 * @param version the pinned Prometheus Operator version ({@code k8s-versions.properties})
 */
public record PrometheusOperatorCrds(Path directory, String version) {

    private static final String STAMP = ".complete";

    public static PrometheusOperatorCrds resolve() {
        String version = ControlPlaneBinaries.versions().getProperty("PROMETHEUS_OPERATOR_VERSION");
        var crds = new PrometheusOperatorCrds(
                ControlPlaneBinaries.cacheRoot().resolve("prometheus-operator-crds-v" + version), version);
        if (!crds.available() && ControlPlaneBinaries.goInstalled()) {
            ControlPlaneBinaries.runBuildScript("the Prometheus Operator's CRDs", crds::available);
        }
        return crds;
    }

    public boolean available() {
        return Files.isRegularFile(directory.resolve(STAMP));
    }

    /** One line, for a skipped test: what is missing and how to get it. */
    public String missingReason() {
        return "no Prometheus Operator v" + version + " CRDs in " + directory + " and no Go to fetch them: run "
                + "k8s-testkit/build-binaries.sh on a machine with Go, or copy example/prometheus-operator-crd/*.yaml of "
                + "github.com/prometheus-operator/prometheus-operator v" + version + " there and touch " + STAMP;
    }

    /** The CRD files, to apply (server-side: some are too large for the last-applied annotation). */
    public List<Path> files() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
