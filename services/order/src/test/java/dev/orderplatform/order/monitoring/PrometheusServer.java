package dev.orderplatform.order.monitoring;

import dev.orderplatform.infra.support.HttpProbe;
import dev.orderplatform.infra.support.Ports;
import dev.orderplatform.k8s.testkit.PrometheusBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus on the loopback interface, with its data in a temporary directory, scraping the given
 * {@code /actuator/prometheus} endpoints every second and evaluating the given rule file; its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path directory;
    private final String base;
    private final Path log;

    private PrometheusServer(Process process, Path directory, int port, Path log) {
        this.process = process;
        this.directory = directory;
        this.base = "http://127.0.0.1:" + port;
        this.log = log;
    }

    /**
     * @param targets job name to the HTTP port of a service on 127.0.0.1
     * @param rules   a rule file to load
     */
    static PrometheusServer start(PrometheusBinaries binaries, Map<String, Integer> targets, Path rules) {
        try {
            Path directory = Files.createTempDirectory("prometheus");
            StringBuilder config =
                    new StringBuilder("""
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files:
                      - '%s'
                    scrape_configs:
                    """.formatted(rules.toAbsolutePath().normalize()));
            targets.forEach((job, port) -> config.append("""
                      - job_name: %s
                        metrics_path: /actuator/prometheus
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(job, port)));
            Path configFile = Files.writeString(directory.resolve("prometheus.yml"), config);
            int port = Ports.freePort();
            Path log = Files.createDirectories(Path.of("target", "prometheus")).resolve("prometheus.log");
            Process process = new ProcessBuilder(
                            binaries.prometheus().toString(),
                            "--config.file=" + configFile,
                            "--storage.tsdb.path=" + directory.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(process, directory, port, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code data.result} of an instant query. */
    JsonNode query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .get("data")
                .get("result");
    }

    /** The value of an instant query answering one series, or NaN when it answers none. */
    double value(String promql) {
        JsonNode result = query(promql);
        return result.isEmpty()
                ? Double.NaN
                : Double.parseDouble(result.get(0).get("value").get(1).asString());
    }

    /** The names of every metric it has stored. */
    List<String> metricNames() {
        List<String> names = new ArrayList<>();
        get("/api/v1/label/__name__/values").get("data").forEach(name -> names.add(name.asString()));
        return names;
    }

    /** The {@code data.groups} of the rules it loaded. */
    JsonNode ruleGroups() {
        return get("/api/v1/rules").get("data").get("groups");
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed; Prometheus log: " + log.toAbsolutePath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        if (!HttpProbe.awaitOk(URI.create(base + "/-/ready"), Duration.ofSeconds(60), process::isAlive)) {
            throw new IllegalStateException(
                    (process.isAlive() ? "Prometheus not ready within 60 s" : "Prometheus exited") + "; its log: "
                            + log.toAbsolutePath());
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
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
