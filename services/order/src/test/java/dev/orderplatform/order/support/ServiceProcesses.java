package dev.orderplatform.order.support;

import dev.orderplatform.infra.junit.PlatformInfrastructure;
import dev.orderplatform.infra.support.HttpProbe;
import dev.orderplatform.infra.support.Ports;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real goods and inventory services, each a {@code java -jar} child process of the test JVM (their executable
 * jars are copied to {@code target/services} by the build), configured as on Kubernetes through environment
 * variables, against the JVM's shared broker and database. Killed when the test JVM exits; processes left by a test
 * JVM that was killed are ended by their recorded pid at the next start.
 */
final class ServiceProcesses {

    record Service(String name, int httpPort, int grpcPort, Process process) {}

    private final List<Service> services = new ArrayList<>();

    /**
     * Launches both services with these Spring properties on top of their environment; {@link #awaitReady()} waits
     * until they answer.
     */
    static ServiceProcesses start(PlatformInfrastructure infra, String jwtSecret, Map<String, String> properties) {
        Path dir = Path.of(System.getProperty("orderplatform.services.dir", "target/services"))
                .toAbsolutePath();
        ServiceProcesses started = new ServiceProcesses(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(started::stopAll, "order-test-services-shutdown"));
        for (String name : List.of("goods", "inventory")) {
            started.services.add(launch(dir, name, infra, jwtSecret, properties));
        }
        return started;
    }

    private final Path dir;
    private volatile boolean ready;

    private ServiceProcesses(Path dir) {
        this.dir = dir;
    }

    synchronized void awaitReady() {
        if (!ready) {
            for (Service service : services) {
                awaitReady(dir, service, Duration.ofSeconds(150));
            }
            ready = true;
        }
    }

    /** Where the jars, logs and pid files of the services are. */
    Path dir() {
        return dir;
    }

    Service service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static Service launch(
            Path dir, String name, PlatformInfrastructure infra, String jwtSecret, Map<String, String> properties) {
        Path jar = dir.resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar + ": build with ./mvnw -pl services/order -am verify");
        }
        killStale(dir.resolve(name + ".pid"));
        infra.mariaDb().createSchema(name);
        int http = Ports.freePort();
        int grpc = Ports.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        // Started from the extracted jar (Spring Boot's recommended layout) with a CDS archive that the first run
        // writes at its exit: later runs start faster on this busy machine.
        Path extracted = extract(java, dir, name, jar);
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-XX:MaxDirectMemorySize=128m",
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-XX:SharedArchiveFile=" + dir.resolve(name + ".jsa"),
                "-XX:+AutoCreateSharedArchive",
                "-Drocketmq.client.rebalance.waitInterval=1000",
                "-Dspring.backgroundpreinitializer.ignore=true",
                "-Duser.home=" + dir.resolve("home-" + name)));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", extracted.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", String.valueOf(http));
        env.put("SPRING_GRPC_SERVER_PORT", String.valueOf(grpc));
        env.put("SPRING_DATASOURCE_URL", infra.mariaDb().jdbcUrl(name));
        env.put("SPRING_DATASOURCE_USERNAME", infra.mariaDb().username());
        env.put("SPRING_DATASOURCE_PASSWORD", infra.mariaDb().password());
        env.put("ORDERPLATFORM_ROCKETMQ_NAME_SERVER", infra.rocketMq().nameServerAddress());
        env.put("ORDERPLATFORM_JWT_SECRET", jwtSecret);
        builder.redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        try {
            Process process = builder.start();
            Files.writeString(dir.resolve(name + ".pid"), String.valueOf(process.pid()));
            return new Service(name, http, grpc, process);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
    }

    private static void awaitReady(Path dir, Service service, Duration timeout) {
        URI readiness = URI.create("http://127.0.0.1:" + service.httpPort() + "/actuator/health/readiness");
        if (!HttpProbe.awaitOk(readiness, timeout, service.process()::isAlive)) {
            throw new IllegalStateException(
                    service.name() + (service.process().isAlive() ? " not ready in " + timeout : " exited") + ": "
                            + tail(dir.resolve(service.name() + ".log")));
        }
    }

    /** SIGTERM: the services stop on their own (and write their CDS archive) while this JVM exits. */
    private void stopAll() {
        for (Service service : services) {
            service.process().destroy();
        }
    }

    private static Path extract(String java, Path dir, String name, Path jar) {
        Path target = dir.resolve("extracted-" + name);
        Path extractedJar = target.resolve(name + ".jar");
        try {
            if (Files.exists(extractedJar)
                    && Files.getLastModifiedTime(extractedJar).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
                return extractedJar;
            }
            MoreFilesDeletion.delete(target);
            Files.deleteIfExists(dir.resolve(name + ".jsa"));
            Process extraction = new ProcessBuilder(
                            java,
                            "-Djarmode=tools",
                            "-jar",
                            jar.toString(),
                            "extract",
                            "--destination",
                            target.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + "-extract.log").toFile())
                    .start();
            if (extraction.waitFor() != 0 || !Files.exists(extractedJar)) {
                throw new IllegalStateException(
                        "Cannot extract " + jar + ": " + tail(dir.resolve(name + "-extract.log")));
            }
            return extractedJar;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot extract " + jar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Recursive delete of a directory we made. */
    private static final class MoreFilesDeletion {
        static void delete(Path root) throws IOException {
            if (!Files.exists(root)) {
                return;
            }
            try (var paths = Files.walk(root)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Ends the process a previous (killed) test JVM left, by its recorded id, if it still runs our jar. */
    private static void killStale(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info()
                            .commandLine()
                            .map(c -> c.contains(pidFile.getParent().toString()))
                            .orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
            Files.delete(pidFile);
        } catch (IOException | NumberFormatException e) {
            // nothing to end
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
