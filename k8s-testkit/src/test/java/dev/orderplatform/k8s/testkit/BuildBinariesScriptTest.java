package dev.orderplatform.k8s.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build-binaries.sh run twice at once on an empty cache, with a stand-in {@code go} on the PATH that records each
 * command and writes what a build would (so no Go build runs here): one run builds, the other waits for it and finds
 * everything built.
 */
class BuildBinariesScriptTest {

    /** What the script asks of Go: module metadata, the module cache, builds and installs (each one a short sleep). */
    private static final String STAND_IN_GO = """
            #!/usr/bin/env bash
            echo "$*" >> "$FAKE_GO/calls.log"
            case "$1" in
              mod) printf '{\\n\\t"GoMod": "%s",\\n\\t"Dir": "%s"\\n}\\n' "$FAKE_GO/kubernetes.mod" "$FAKE_GO/prometheus-operator" ;;
              env) echo "$FAKE_GO/modcache" ;;
              build)
                sleep 0.3
                while [ $# -gt 1 ]; do [ "$1" = -o ] && echo built > "$2"; shift; done ;;
              install)
                sleep 0.3
                module=${*: -1}; module=${module%@*}
                echo built > "$GOBIN/${module##*/}" ;;
            esac
            """;

    @TempDir
    Path dir;

    @Test
    void twoRunsAtOnceBuildEachBinaryOnce() throws Exception {
        Path fakeGo = Files.createDirectories(dir.resolve("go"));
        Path go = Files.writeString(fakeGo.resolve("go"), STAND_IN_GO);
        Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(fakeGo.resolve("kubernetes.mod"), "replace (\n\tk8s.io/api => ./staging/src/k8s.io/api\n)\n");
        Path crds = Files.createDirectories(fakeGo.resolve("prometheus-operator/example/prometheus-operator-crd"));
        Files.writeString(crds.resolve("monitoring.coreos.com_podmonitors.yaml"), "kind: CustomResourceDefinition\n");
        String kwok = ControlPlaneBinaries.versions().getProperty("KWOK_VERSION");
        Path stages =
                Files.createDirectories(fakeGo.resolve("modcache/sigs.k8s.io/kwok@v" + kwok + "/kustomize/stage"));
        Files.writeString(stages.resolve("pod-ready.yaml"), "kind: Stage\n");
        Path cache = dir.resolve("cache");

        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(script(fakeGo, cache).start());
        }
        for (Process run : runs) {
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(output(run)).isZero();
        }

        List<String> builds = Files.readAllLines(fakeGo.resolve("calls.log")).stream()
                .filter(call -> call.startsWith("build ") || call.startsWith("install "))
                .toList();
        // kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, etcd, kwok, helm, prometheus, promtool
        assertThat(builds).hasSize(9);
        Path binaries = cache.resolve("k8s-v" + ControlPlaneBinaries.versions().getProperty("K8S_VERSION"));
        assertThat(binaries.resolve("kube-apiserver")).exists();
        assertThat(binaries.resolve("kwok-stages/pod-ready.yaml")).exists();
    }

    private ProcessBuilder script(Path fakeGo, Path cache) {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", Path.of("build-binaries.sh").toAbsolutePath().toString())
                .redirectErrorStream(true);
        builder.environment().put("PATH", fakeGo + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_GO", fakeGo.toString());
        builder.environment().put("ORDERPLATFORM_K8S_CACHE", cache.toString());
        return builder;
    }

    private static String output(Process run) {
        try {
            return new String(run.getInputStream().readAllBytes());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
