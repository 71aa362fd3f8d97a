package dev.orderplatform.infra.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A main class run in a JVM of its own with this JVM's class path; its output goes to a file. */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final CompletableFuture<String> readyLine = new CompletableFuture<>();
    private final Path log;

    private ChildJvm(Process process, String readyPrefix, Path log) {
        this.process = process;
        this.log = log;
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader reader = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            PrintWriter out =
                                    new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            out.println(line);
                            if (line.startsWith(readyPrefix)) {
                                readyLine.complete(line);
                            }
                        }
                    } catch (IOException e) {
                        readyLine.completeExceptionally(e);
                    }
                    readyLine.completeExceptionally(
                            new IllegalStateException("exited without printing " + readyPrefix));
                },
                "child-output-" + log.getFileName());
        pump.setDaemon(true);
        pump.start();
    }

    public static ChildJvm start(Class<?> mainClass, List<String> args, String readyPrefix, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xmx256m",
                "-XX:MaxDirectMemorySize=256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildJvm(process, readyPrefix, log);
    }

    /** The ready line, or a failure with the end of the child's output. */
    public String awaitReady(Duration timeout) throws Exception {
        try {
            return readyLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("child not ready: " + e + "\n" + tail(), e);
        }
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, then wait for the exit; returns the exit code. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("child did not stop on SIGTERM within " + timeout + "\n" + tail());
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
