package dev.orderplatform.conformance;

import static org.awaitility.Awaitility.await;

import dev.orderplatform.conformance.GeneratedPlatform.Workload;
import dev.orderplatform.infra.mariadb.EmbeddedMariaDb;
import dev.orderplatform.infra.rocketmq.RocketMqNodeMain;
import dev.orderplatform.infra.support.MoreFiles;
import dev.orderplatform.infra.support.Ports;
import dev.orderplatform.launcher.ChildProcess;
import dev.orderplatform.operator.platform.PlatformContract;
import dev.orderplatform.operator.rocketmq.RocketMqTopicAdmin;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs the real components on this machine from exactly the configuration of a {@link GeneratedPlatform}: MariaDB
 * initialised as the database image's entrypoint would, the RocketMQ name server and the broker (from the generated
 * broker.conf) as child JVMs, the topics created as the operator creates them, and the services' jars with the
 * generated environment. Host names of the platform's Services map to 127.0.0.1 ({@link HostMapping}); every port
 * stays as generated. {@link #close()} stops everything, also after a failed start.
 */
final class GeneratedPlatformRunner implements AutoCloseable {

    /** Where the runner finds what it runs and puts what it writes. */
    record Paths(Path workDir, Path servicesDir, Path infraClasspathFile) {

        static Paths fromSystemProperties() {
            return new Paths(
                    Path.of(required("conformance.workDir")),
                    Path.of(required("conformance.servicesDir")),
                    Path.of(required("conformance.infraClasspath")));
        }
    }

    private static final Pattern NAME_SERVER_READY = Pattern.compile("ROCKETMQ NAMESRV READY port=(\\d+)");
    private static final Pattern BROKER_READY = Pattern.compile("ROCKETMQ BROKER READY port=(\\d+)");
    private static final Duration INFRA_START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(4);
    private static final int MAX_RESTARTS = 2;
    /** What the services' base image (eclipse-temurin) sets that a JVM started here needs too. */
    private static final Set<String> IMAGE_ENVIRONMENT = Set.of("PATH", "JAVA_HOME", "LANG", "LC_ALL", "TZ");

    private final GeneratedPlatform platform;
    private final Paths paths;
    private final HostMapping hosts;
    private final Consumer<String> progress;
    private final List<ChildProcess> processes = new ArrayList<>();
    private final Map<String, Workload> services;
    private EmbeddedMariaDb database;

    private GeneratedPlatformRunner(GeneratedPlatform platform, Paths paths, Consumer<String> progress) {
        this.platform = platform;
        this.paths = paths;
        this.hosts = new HostMapping(platform);
        this.progress = progress;
        this.services = platform.services();
    }

    static GeneratedPlatformRunner start(GeneratedPlatform platform, Paths paths, Consumer<String> progress) {
        var runner = new GeneratedPlatformRunner(platform, paths, progress);
        try {
            runner.startAll();
            return runner;
        } catch (RuntimeException | Error e) {
            runner.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>} of a service's {@code http} container port. */
    URI httpUrl(String service) {
        Workload workload = services.get(service);
        if (workload == null) {
            throw new IllegalArgumentException("no service " + service + " in " + services.keySet());
        }
        return URI.create("http://" + HostMapping.LOOPBACK + ":" + workload.port("http"));
    }

    Path logDir() {
        return paths.workDir().resolve("logs");
    }

    @Override
    public void close() {
        List<ChildProcess> reverse = new ArrayList<>(processes);
        Collections.reverse(reverse);
        for (ChildProcess process : reverse) {
            // The broker's own shutdown takes 12-20 s and nothing here needs its store afterwards.
            process.stop(Duration.ofSeconds(process.name().equals("broker") ? 5 : 20));
        }
        processes.clear();
        if (database != null) {
            database.close();
            database = null;
        }
    }

    private void startAll() {
        MoreFiles.deleteRecursively(paths.workDir());
        var databasePod = platform.database();
        var nameServer = platform.nameServer();
        var brokerPod = platform.broker();
        Properties brokerConf = brokerPod.properties();
        int brokerPort = Integer.parseInt(brokerConf.getProperty("listenPort", "10911"));
        // The broker also listens on listenPort - 2 (its "fast" channel) and, as a master, listenPort + 1 (HA).
        requireFreePorts(
                databasePod.workload().firstPort(), nameServer.firstPort(), brokerPort - 2, brokerPort, brokerPort + 1);
        requireFreePorts(services.values().stream()
                .flatMap(s -> s.ports().values().stream())
                .mapToInt(i -> i)
                .toArray());

        long started = System.nanoTime();
        this.database = DatabaseEntrypoint.start(
                paths.workDir().resolve("mysql"),
                databasePod.workload().firstPort(),
                databasePod.workload(),
                databasePod.initScripts());
        progress.accept(String.format(
                "MariaDB on 127.0.0.1:%d for image %s, initialised by %s in %.1f s",
                databasePod.workload().firstPort(),
                databasePod.workload().image(),
                databasePod.initScripts().keySet(),
                seconds(started)));

        started = System.nanoTime();
        Path nameServerHome = paths.workDir().resolve("nameserver");
        ChildProcess nameServerProcess = startNode(
                "nameserver",
                nameServer,
                nameServerHome,
                RocketMqLaunch.NAME_SERVER.nodeArguments(nameServer.commandLine(), null));
        awaitListening(nameServerProcess, NAME_SERVER_READY, nameServer.firstPort());
        progress.accept(
                String.format("name server on 127.0.0.1:%d in %.1f s", nameServer.firstPort(), seconds(started)));

        started = System.nanoTime();
        Path brokerHome = paths.workDir().resolve("broker");
        Path brokerConfFile = write(brokerHome.resolve("broker.conf"), hosts.apply(brokerPod.brokerConf()));
        var brokerArguments = new ArrayList<>(
                RocketMqLaunch.BROKER.nodeArguments(brokerPod.workload().commandLine(), brokerConfFile));
        // Only what must differ on this machine: the pod's volume paths and its address. Everything else is the file.
        brokerArguments.addAll(List.of(
                "--set", "storePathRootDir=" + brokerHome.resolve("store"),
                "--set", "storePathCommitLog=" + brokerHome.resolve("store/commitlog"),
                "--set", "brokerIP1=" + HostMapping.LOOPBACK,
                "--set", "bindAddress=" + HostMapping.LOOPBACK));
        ChildProcess brokerProcess = startNode("broker", brokerPod.workload(), brokerHome, brokerArguments);
        awaitListening(brokerProcess, BROKER_READY, brokerPod.workload().firstPort());
        progress.accept(String.format("broker on 127.0.0.1:%d in %.1f s", brokerPort, seconds(started)));

        // As the operator does once the broker is up; a fresh broker gets both topics once it has registered.
        String nameServerAddress = hosts.apply(brokerConf.getProperty("namesrvAddr"));
        var topicAdmin = new RocketMqTopicAdmin();
        await("topics " + PlatformContract.TOPICS + " created through " + nameServerAddress)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> topicAdmin
                                .ensure(nameServerAddress, PlatformContract.TOPICS)
                                .waitingFor()
                        == null);

        startServices();
    }

    /** All at once, as their pods would start; the order service needs the other two only once it serves. */
    private void startServices() {
        long started = System.nanoTime();
        var starting = new LinkedHashMap<String, ChildProcess>();
        for (Workload service : services.values()) {
            if (!service.command().isEmpty()) {
                throw new IllegalStateException(
                        service.name() + " overrides the image's entrypoint: " + service.command());
            }
            Path home = paths.workDir().resolve(service.name());
            Map<String, String> environment = hosts.apply(service.env());
            List<String> command = withoutInheritedEnvironment(environment);
            command.addAll(javaInContainer(service));
            // What a service writes (its /tmp volume, RocketMQ's client log under user.home) stays under target/.
            command.addAll(List.of(
                    "-Djava.io.tmpdir=" + createDirectories(home.resolve("tmp")),
                    "-Duser.home=" + createDirectories(home.resolve("home")),
                    "-jar",
                    serviceJar(service, home).toString()));
            command.addAll(service.args());
            ChildProcess process =
                    ChildProcess.start(service.name(), command, environment, logDir().resolve(service.name() + ".log"));
            processes.add(process);
            starting.put(service.name(), process);
        }
        starting.forEach((name, process) -> {
            Workload service = services.get(name);
            var readiness = service.readiness()
                    .orElseThrow(() -> new IllegalStateException(name + " has no HTTP readiness probe"));
            URI probe = URI.create("http://" + HostMapping.LOOPBACK + ":" + readiness.port() + readiness.path());
            for (int restarts = 0; ; restarts++) {
                try {
                    process.awaitHttpOk(probe, SERVICE_START_TIMEOUT);
                    break;
                } catch (IllegalStateException exited) {
                    if (process.isAlive() || restarts == MAX_RESTARTS) {
                        throw exited;
                    }
                    // The kubelet restarts a container that exits (restartPolicy Always), e.g. when the broker did not
                    // answer.
                    progress.accept(name + " exited before it was ready: restarting it as the kubelet would; see "
                            + process.logFile());
                    process.start();
                }
            }
            progress.accept(String.format("%s ready on %s after %.1f s", name, httpUrl(name), seconds(started)));
        });
    }

    /**
     * A child JVM running {@link RocketMqNodeMain} from this module's class path with the pod's environment, its JVM
     * options as the image applies them (JAVA_TOOL_OPTIONS: the JVM reads it itself; JAVA_OPT_EXT: the Apache image's
     * scripts append it to the command line) and ROCKETMQ_HOME, which both images set.
     */
    private ChildProcess startNode(String name, Workload workload, Path home, List<String> arguments) {
        List<String> command = new ArrayList<>(javaInContainer(workload));
        String scriptOptions = workload.env().getOrDefault("JAVA_OPT_EXT", "").trim();
        if (!scriptOptions.isEmpty()) {
            command.addAll(List.of(scriptOptions.split("\\s+")));
        }
        command.addAll(List.of(
                "-Duser.home=" + createDirectories(home), "-cp", infraClasspath(), RocketMqNodeMain.class.getName()));
        command.addAll(arguments);
        var environment = new LinkedHashMap<>(hosts.apply(workload.env()));
        environment.put("ROCKETMQ_HOME", home.toString());
        ChildProcess process = ChildProcess.start(name, command, environment, logDir().resolve(name + ".log"));
        processes.add(process);
        return process;
    }

    /** Waits for the node's ready line; the port it serves must be the one its pod declares (and Services route to). */
    private static void awaitListening(ChildProcess node, Pattern readyLine, int containerPort) {
        int port =
                Integer.parseInt(node.awaitLine(readyLine, INFRA_START_TIMEOUT).group(1));
        if (port != containerPort) {
            throw new IllegalStateException(
                    node.name() + " listens on " + port + " but its pod declares container port " + containerPort);
        }
    }

    /**
     * {@code env -u NAME...}: a pod sees its image's environment ({@link #IMAGE_ENVIRONMENT}) and the generated one,
     * never a variable of this JVM's (a SPRING_... or ORDERPLATFORM_... set here would hide a missing one).
     */
    private static List<String> withoutInheritedEnvironment(Map<String, String> podEnvironment) {
        List<String> command = new ArrayList<>(List.of("env"));
        System.getenv().keySet().stream()
                .filter(name -> !IMAGE_ENVIRONMENT.contains(name) && !podEnvironment.containsKey(name))
                .sorted()
                .forEach(name -> command.addAll(List.of("-u", name)));
        return command;
    }

    /**
     * The executable jar of the service's image ({@code <registry>/goods:<tag>} runs goods.jar), copied: a build that
     * runs meanwhile (the load suite's) rewrites the original while the service reads classes from it.
     */
    private Path serviceJar(Workload service, Path home) {
        Path jar = paths.servicesDir().resolve(service.imageName() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar for image " + service.image() + ": " + jar + " is missing");
        }
        try {
            return Files.copy(jar, createDirectories(home).resolve(jar.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar, e);
        }
    }

    /** {@code java}, seeing as much memory as the container's limit: the JVM sizes its heap from it. */
    private static List<String> javaInContainer(Workload workload) {
        var command = new ArrayList<>(List.of(javaExecutable()));
        workload.memoryLimit()
                .ifPresent(limit -> command.add(
                        "-XX:MaxRAM=" + Quantity.getAmountInBytes(limit).toBigInteger()));
        return command;
    }

    private static void requireFreePorts(int... ports) {
        var taken = new TreeSet<Integer>();
        for (int port : ports) {
            if (!Ports.isFree(port)) {
                taken.add(port);
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException("port(s) " + taken + " on 127.0.0.1 are taken: the generated configuration "
                    + "uses them as they are; stop whatever listens there (ss -ltnp)");
        }
    }

    private String infraClasspath() {
        try {
            return Files.readString(paths.infraClasspathFile()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path file " + paths.infraClasspathFile(), e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven: "
                    + "./mvnw -pl conformance verify)");
        }
        return value;
    }
}
