package dev.orderplatform.launcher;

import dev.orderplatform.infra.support.HttpProbe;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One component of the local platform running as its own OS process, so that it can be killed and restarted
 * like a pod. Its output goes to a log file; readiness is read from that file or from an HTTP probe.
 */
public final class ChildProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;
    private long logOffsetAtStart;

    private ChildProcess(String name, List<String> command, Map<String, String> environment, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path logFile) {
        ChildProcess child = new ChildProcess(name, command, environment, logFile);
        child.start();
        return child;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    /** The running process, e.g. to read its CPU time or wait for it and its children to exit. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the same command again (after a kill or a stop), appending to the same log. */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(logFile.getParent());
            logOffsetAtStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    /** Waits for a line of this start's output that matches, and returns the match. */
    public Matcher awaitLine(Pattern pattern, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long offset = logOffsetAtStart;
        StringBuilder pending = new StringBuilder();
        while (true) {
            try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
                if (file.length() > offset) {
                    file.seek(offset);
                    byte[] chunk = new byte[(int) Math.min(file.length() - offset, 1 << 20)];
                    file.readFully(chunk);
                    offset += chunk.length;
                    pending.append(new String(chunk, StandardCharsets.UTF_8));
                    int newline;
                    while ((newline = pending.indexOf("\n")) >= 0) {
                        Matcher matcher = pattern.matcher(pending.substring(0, newline));
                        pending.delete(0, newline + 1);
                        if (matcher.find()) {
                            return matcher;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            failIfDeadOrLate(deadline, "a line matching " + pattern);
            sleep(100);
        }
    }

    /** Waits until the URL answers 200, e.g. a readiness probe. */
    public void awaitHttpOk(URI url, Duration timeout) {
        if (!HttpProbe.awaitOk(url, timeout, process::isAlive)) {
            // The probe gave up: the process exited or the time ran out. A deadline already past makes
            // failIfDeadOrLate say which, with the log, as it does for awaitLine.
            failIfDeadOrLate(Instant.MIN, url + " to answer 200");
        }
    }

    /** kill -9: the process gets no chance to clean up, as when a node dies. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM without waiting, so that several processes shut down side by side; then {@link #stop}. */
    public synchronized void signalStop() {
        if (isAlive()) {
            process.destroy();
        }
    }

    /** SIGTERM, then SIGKILL after the grace period. */
    public synchronized void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(grace)) {
            kill();
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void failIfDeadOrLate(Instant deadline, String what) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while waiting for "
                    + what + "; see " + logFile);
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(name + " did not show " + what + " in time; see " + logFile);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
