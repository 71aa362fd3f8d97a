package dev.orderplatform.k8s.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the control plane's binaries are: the versioned cache that {@code k8s-testkit/build-binaries.sh} fills
 * ({@code $ORDERPLATFORM_K8S_CACHE}, else {@code ~/.cache/orderplatform}, then {@code k8s-v<version>}). When the
 * cache is incomplete and Go is installed, {@link #resolve()} runs that script (the copy inside this jar) once;
 * without Go it tells the caller how to get them.
 */
public record ControlPlaneBinaries(Path directory, String kubernetesVersion) {

    static final List<String> COMMANDS =
            List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl", "kwok", "helm");

    private static final Logger log = LoggerFactory.getLogger(ControlPlaneBinaries.class);
    private static final String RESOURCES = "/dev/orderplatform/k8s/testkit/";

    /** The outcome of looking for the binaries: either them, or why not (one line, with how to get them). */
    public sealed interface Resolution {
        record Found(ControlPlaneBinaries binaries) implements Resolution {}

        record Missing(String reason) implements Resolution {}
    }

    /**
     * Run by the build before the integration tests (k8s-testkit's pom): builds the binaries when Go is there, and
     * says in one console line where they are or why the control-plane tests will be skipped.
     */
    public static void main(String[] args) {
        switch (resolve()) {
            case Resolution.Found found ->
                System.out.println("k8s: Kubernetes v" + found.binaries().kubernetesVersion()
                        + " control plane binaries in " + found.binaries().directory());
            case Resolution.Missing missing ->
                System.out.println("k8s: the control-plane tests (*IT) will be SKIPPED: " + missing.reason());
        }
    }

    public Path path(String command) {
        return directory.resolve(command);
    }

    public Path kwokStages() {
        return directory.resolve("kwok-stages");
    }

    /** The pinned versions ({@code k8s-versions.properties}). */
    public static Properties versions() {
        var versions = new Properties();
        try (InputStream in = resource("k8s-versions.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    public static Path cacheDirectory() {
        return cacheRoot().resolve("k8s-v" + versions().getProperty("K8S_VERSION"));
    }

    /** Where build-binaries.sh puts each tool set's versioned directory. */
    static Path cacheRoot() {
        String configured = System.getenv("ORDERPLATFORM_K8S_CACHE");
        // Not user.home: the build points it into target/ for the tests.
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(Objects.requireNonNull(System.getenv("HOME"), "HOME"), ".cache", "orderplatform");
    }

    /** The binaries, building them with Go first when they are missing and Go is there. */
    public static Resolution resolve() {
        String version = versions().getProperty("K8S_VERSION");
        Path directory = cacheDirectory();
        if (!complete(directory)) {
            if (!goInstalled()) {
                return new Resolution.Missing("no Kubernetes v" + version + " control plane binaries in " + directory
                        + " and no Go to build them: run k8s-testkit/build-binaries.sh on a machine with Go >= 1.26, "
                        + "or place etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok (with "
                        + "kwok-stages/) and helm there (setup-envtest gives etcd, kube-apiserver and kubectl)");
            }
            build(directory);
        }
        return new Resolution.Found(new ControlPlaneBinaries(directory, version));
    }

    private static boolean complete(Path directory) {
        return COMMANDS.stream().allMatch(command -> Files.isExecutable(directory.resolve(command)))
                && Files.isDirectory(directory.resolve("kwok-stages"));
    }

    private static boolean goInstalled() {
        try {
            return new ProcessBuilder("go", "version")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void build(Path directory) {
        log.info("Building the Kubernetes control plane into {} (once per machine; takes minutes)", directory);
        try {
            Path scripts = Files.createTempDirectory("k8s-build");
            for (String name : List.of("build-binaries.sh", "k8s-versions.properties")) {
                try (InputStream in = resource(name)) {
                    Files.copy(in, scripts.resolve(name));
                }
            }
            Path script = scripts.resolve("build-binaries.sh");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            // Progress lines (one per binary) go to this JVM's output.
            var process = new ProcessBuilder(script.toString()).inheritIO().start();
            if (process.waitFor() != 0 || !complete(directory)) {
                throw new IllegalStateException("k8s-testkit/build-binaries.sh failed (exit " + process.exitValue()
                        + "); run it by hand to see why");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the control plane", e);
        }
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(ControlPlaneBinaries.class.getResourceAsStream(RESOURCES + name), name);
    }
}
