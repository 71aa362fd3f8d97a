package dev.orderplatform.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The load suite against a running platform, exactly as README's "Load test a platform" runs it: the main job with
 * the three URLs, the platform's order timeout and its JWT key, as a Maven build of its own from the repository root.
 */
final class ClusterModeLoadSuite {

    /** How the nested build ended: its exit code, the verdict line it printed, its output. */
    record Outcome(int exitCode, Optional<String> verdict, Path log, Duration took) {}

    private static final Duration TIMEOUT = Duration.ofMinutes(12);

    private ClusterModeLoadSuite() {}

    /**
     * @param shortRun extra {@code -Dname=value} settings of loadtest/README.md that keep the run short
     */
    static Outcome run(
            Path repositoryRoot,
            URI orderUrl,
            URI goodsUrl,
            URI inventoryUrl,
            Duration orderTimeout,
            String jwtSecret,
            List<String> shortRun,
            Path log) {
        List<String> command = new ArrayList<>(List.of(
                "./mvnw",
                "-B",
                "-Pmain-job",
                "verify",
                "-DbaseUrl=" + orderUrl,
                "-DgoodsUrl=" + goodsUrl,
                "-DinventoryUrl=" + inventoryUrl,
                "-DorderTimeout=" + orderTimeout,
                "-DjwtSecret=" + jwtSecret));
        command.addAll(shortRun);
        long started = System.nanoTime();
        try {
            Files.createDirectories(log.getParent());
            Process maven = new ProcessBuilder(command)
                    .directory(repositoryRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                if (!maven.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the load suite did not finish in " + TIMEOUT + "; see " + log);
                }
            } finally {
                maven.descendants().forEach(ProcessHandle::destroyForcibly);
                maven.destroyForcibly();
            }
            Optional<String> verdict;
            try (var lines = Files.lines(log)) {
                verdict = lines.filter(line -> line.startsWith("VERDICT:")).reduce((first, last) -> last);
            }
            return new Outcome(maven.exitValue(), verdict, log, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst() + " in " + repositoryRoot, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the load suite ran", e);
        }
    }
}
