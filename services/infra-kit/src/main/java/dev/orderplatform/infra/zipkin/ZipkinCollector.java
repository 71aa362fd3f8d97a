package dev.orderplatform.infra.zipkin;

import dev.orderplatform.infra.support.HttpProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Zipkin's server (its executable jar from Maven Central, {@code io.zipkin:zipkin-server:exec}) as a child process on
 * 127.0.0.1, keeping spans in memory: the real trace collector of the tests and of the local platform. The services
 * send it their spans with Spring Boot's Zipkin export ({@link #exportProperties}); its UI shows a trace, its API
 * answers one as JSON.
 */
public final class ZipkinCollector implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private ZipkinCollector(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server from {@code jar} on {@code port}, its output to {@code log}, and waits until it answers. */
    public static ZipkinCollector start(Path jar, int port, Path log, Duration timeout) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "No Zipkin server jar at " + jar
                            + ": the build copies io.zipkin:zipkin-server:exec there (./mvnw -B -pl services/order -am verify)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString(),
                        "--armeria.ports[0].ip=127.0.0.1",
                        "--armeria.ports[0].port=" + port,
                        "--armeria.ports[0].protocols[0]=http",
                        "--logging.level.root=WARN"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        ZipkinCollector collector;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            collector = new ZipkinCollector(builder.start(), port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Zipkin server " + jar, e);
        }
        collector.awaitReady(timeout, log);
        return collector;
    }

    /**
     * The Spring properties that make a service send its spans here; which traces it records stays the service's
     * business ({@code management.tracing.sampling.probability}, 0.1 by default).
     */
    public Map<String, String> exportProperties() {
        return exportProperties(port);
    }

    /** {@link #exportProperties()} for a collector that will listen on {@code port}. */
    public static Map<String, String> exportProperties(int port) {
        return Map.of(
                "management.tracing.export.zipkin.enabled", "true",
                "management.tracing.export.zipkin.endpoint", "http://127.0.0.1:" + port + "/api/v2/spans",
                // Spans leave within half a second: a trace is complete in the UI as soon as the order is.
                "management.opentelemetry.tracing.export.schedule-delay", "500ms");
    }

    public int port() {
        return port;
    }

    /** The UI, where one order's trace is found by its trace id or by the tag {@code messaging.rocketmq.message.keys}. */
    public URI ui() {
        return URI.create("http://127.0.0.1:" + port + "/zipkin/");
    }

    /** The trace's spans as Zipkin's JSON (API v2), or empty while the collector has none of them. */
    public Optional<String> traceJson(String traceId) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/trace/" + traceId))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("Zipkin on port " + port + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout, Path log) {
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        boolean ready;
        try {
            ready = HttpProbe.awaitOk(health, timeout, process::isAlive);
        } catch (IllegalStateException interrupted) {
            close();
            throw interrupted;
        }
        if (!ready) {
            close();
            throw new IllegalStateException(
                    (process.isAlive() ? "The Zipkin server was not ready in " + timeout : "The Zipkin server exited")
                            + "; see " + log);
        }
    }
}
