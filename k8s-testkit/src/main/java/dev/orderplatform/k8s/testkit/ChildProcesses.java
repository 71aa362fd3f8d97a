package dev.orderplatform.k8s.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The control plane's server processes, each logging to a file, stopped in reverse order of start. */
final class ChildProcesses {

    private final Path logDirectory;
    private final Deque<Process> started = new ArrayDeque<>();

    ChildProcesses(Path logDirectory) {
        this.logDirectory = logDirectory;
    }

    synchronized Process start(String name, List<String> command) {
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + ".log");
            Files.writeString(log, String.join(" ", command) + "\n\n", StandardCharsets.UTF_8);
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            started.push(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** SIGTERM to all, newest first, then SIGKILL to whatever still runs after the grace period. */
    synchronized void stopAll(Duration grace) {
        var stopping = List.copyOf(started);
        started.clear();
        for (Process process : stopping) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Runs a command line tool to completion. */
    static CommandResult run(
            List<String> command, Map<String, String> environment, Path workingDirectory, Duration timeout) {
        try {
            Path out = Files.createTempFile("cmd", ".out");
            Path err = Files.createTempFile("cmd", ".err");
            var builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            var process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            var result = new CommandResult(
                    String.join(" ", command), process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
