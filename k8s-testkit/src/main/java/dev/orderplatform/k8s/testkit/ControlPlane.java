package dev.orderplatform.k8s.testkit;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver (RBAC authorization, the default admission
 * plugins, service account token signing, an audit log of every write), kube-controller-manager (garbage collector,
 * Deployment, ReplicaSet, StatefulSet, service account and the other default controllers), kube-scheduler, and kwok
 * simulating {@value #NODES} nodes and the pod lifecycle (pods become Running and Ready without containers: there is
 * no container engine here). A {@link VolumeProvisioner} binds every PersistentVolumeClaim to a PersistentVolume,
 * as a cluster's storage provisioner would (the volumes are never mounted).
 *
 * <p>Use {@link #shared()} (one per test JVM, through {@link WithControlPlane}) or {@link #start} and
 * {@link #close}. Logs, certificates and kubeconfigs go under {@link #workDirectory()}.
 */
public final class ControlPlane implements AutoCloseable {

    static final int NODES = 3;
    /** System property naming the base work directory; the build sets it to {@code target/k8s}. */
    public static final String WORK_DIR_PROPERTY = "orderplatform.k8s.work.dir";

    private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Object LOCK = new Object();
    private static volatile ControlPlane shared;
    private static volatile RuntimeException sharedFailure;

    private final ControlPlaneBinaries binaries;
    private final Path workDirectory;
    private final ChildProcesses processes;
    private final String url;
    private final Path caCertificate;
    private final Path adminKubeconfig;
    private final KubernetesClient adminClient;
    private final VolumeProvisioner volumeProvisioner;

    private ControlPlane(
            ControlPlaneBinaries binaries,
            Path workDirectory,
            ChildProcesses processes,
            String url,
            Path caCertificate,
            Path adminKubeconfig,
            KubernetesClient adminClient,
            VolumeProvisioner volumeProvisioner) {
        this.binaries = binaries;
        this.workDirectory = workDirectory;
        this.processes = processes;
        this.url = url;
        this.caCertificate = caCertificate;
        this.adminKubeconfig = adminKubeconfig;
        this.adminClient = adminClient;
        this.volumeProvisioner = volumeProvisioner;
    }

    /**
     * The JVM's control plane, started on the first call and stopped when the JVM exits. Fails (every time, the
     * same way) when the binaries are missing: check {@link ControlPlaneBinaries#resolve()} first to skip instead.
     */
    // The start failure is kept in a static field on purpose: later callers fail fast with the first cause.
    @SuppressWarnings("StaticAssignmentOfThrowable")
    public static ControlPlane shared() {
        ControlPlane current = shared;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (sharedFailure != null) {
                throw sharedFailure;
            }
            if (shared == null) {
                try {
                    var binaries = switch (ControlPlaneBinaries.resolve()) {
                        case ControlPlaneBinaries.Resolution.Found found -> found.binaries();
                        case ControlPlaneBinaries.Resolution.Missing missing ->
                            throw new IllegalStateException(missing.reason());
                    };
                    String base = System.getProperty(WORK_DIR_PROPERTY, "target/k8s");
                    var started = start(
                            binaries,
                            Path.of(base, "jvm-" + ProcessHandle.current().pid()));
                    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "control-plane-stop"));
                    shared = started;
                } catch (RuntimeException e) {
                    sharedFailure = e;
                    throw e;
                }
            }
            return shared;
        }
    }

    /** Starts a control plane of its own in {@code workDirectory} (emptied first). */
    public static ControlPlane start(ControlPlaneBinaries binaries, Path workDirectory) {
        Instant begin = Instant.now();
        Path dir = workDirectory.toAbsolutePath().normalize();
        var processes = new ChildProcesses(dir.resolve("logs"));
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            var tokens = new Tokens();
            Path pki = Files.createDirectories(dir.resolve("pki"));
            Path serviceAccountKey = writeServiceAccountKey(pki.resolve("service-account.key"));
            Path tokenFile = tokens.write(pki.resolve("tokens.csv"));
            Path auditPolicy = writeAuditPolicy(dir.resolve("audit-policy.yaml"));

            int etcdPort = freePort();
            var etcd = processes.start(
                    "etcd",
                    List.of(
                            binaries.path("etcd").toString(),
                            "--name=default",
                            "--data-dir=" + dir.resolve("etcd"),
                            "--listen-client-urls=http://127.0.0.1:" + etcdPort,
                            "--advertise-client-urls=http://127.0.0.1:" + etcdPort,
                            "--listen-peer-urls=http://127.0.0.1:" + freePort(),
                            "--unsafe-no-fsync=true",
                            "--log-level=warn"));
            awaitHttp(etcd, "etcd", "http://127.0.0.1:" + etcdPort + "/health", null);

            int apiPort = freePort();
            String url = "https://127.0.0.1:" + apiPort;
            Path certs = dir.resolve("pki/apiserver");
            var apiServer = processes.start(
                    "kube-apiserver",
                    List.of(
                            binaries.path("kube-apiserver").toString(),
                            "--etcd-servers=http://127.0.0.1:" + etcdPort,
                            "--bind-address=127.0.0.1",
                            "--advertise-address=127.0.0.1",
                            "--secure-port=" + apiPort,
                            "--cert-dir=" + certs,
                            "--service-cluster-ip-range=10.96.0.0/16",
                            // The "kubernetes" Service's endpoints may not point at a loopback address.
                            "--endpoint-reconciler-type=none",
                            "--authorization-mode=RBAC",
                            "--token-auth-file=" + tokenFile,
                            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                            "--service-account-key-file=" + serviceAccountKey,
                            "--service-account-signing-key-file=" + serviceAccountKey,
                            "--allow-privileged=true",
                            "--audit-policy-file=" + auditPolicy,
                            "--audit-log-path=" + dir.resolve("logs/audit.log"),
                            "--audit-log-format=json"));
            awaitHttp(apiServer, "kube-apiserver", url + "/readyz", tokens.admin());
            // Self-signed at start-up when no certificate is given: the clients trust exactly this one.
            Path ca = certs.resolve("apiserver.crt");

            Path adminKubeconfig = writeKubeconfig(dir.resolve("admin.kubeconfig"), url, ca, "admin", tokens.admin());
            Path controllerManagerKubeconfig = writeKubeconfig(
                    dir.resolve("kube-controller-manager.kubeconfig"),
                    url,
                    ca,
                    "system:kube-controller-manager",
                    tokens.controllerManager());
            Path schedulerKubeconfig = writeKubeconfig(
                    dir.resolve("kube-scheduler.kubeconfig"), url, ca, "system:kube-scheduler", tokens.scheduler());
            Path kwokKubeconfig = writeKubeconfig(dir.resolve("kwok.kubeconfig"), url, ca, "kwok", tokens.kwok());

            processes.start(
                    "kube-controller-manager",
                    List.of(
                            binaries.path("kube-controller-manager").toString(),
                            "--kubeconfig=" + controllerManagerKubeconfig,
                            "--authentication-kubeconfig=" + controllerManagerKubeconfig,
                            "--authorization-kubeconfig=" + controllerManagerKubeconfig,
                            "--bind-address=127.0.0.1",
                            "--secure-port=" + freePort(),
                            "--cert-dir=" + dir.resolve("pki/kube-controller-manager"),
                            "--leader-elect=false",
                            "--use-service-account-credentials=true",
                            "--service-account-private-key-file=" + serviceAccountKey,
                            "--root-ca-file=" + ca,
                            "--controllers=*"));
            processes.start(
                    "kube-scheduler",
                    List.of(
                            binaries.path("kube-scheduler").toString(),
                            "--kubeconfig=" + schedulerKubeconfig,
                            "--authentication-kubeconfig=" + schedulerKubeconfig,
                            "--authorization-kubeconfig=" + schedulerKubeconfig,
                            "--bind-address=127.0.0.1",
                            "--secure-port=" + freePort(),
                            "--cert-dir=" + dir.resolve("pki/kube-scheduler"),
                            "--leader-elect=false"));
            var kwok = new ArrayList<>(List.of(
                    binaries.path("kwok").toString(),
                    "--kubeconfig=" + kwokKubeconfig,
                    "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                    // Node leases as kubelets keep them: without them the heartbeat-with-lease stage lets the node
                    // lifecycle controller mark the nodes NotReady after its grace period, and their pods with them.
                    "--node-lease-duration-seconds=40",
                    "--cidr=10.244.0.0/16",
                    "--node-ip=10.0.0.1",
                    "--server-address=127.0.0.1:" + freePort()));
            for (Path stage : kwokStages(binaries)) {
                kwok.add("--config=" + stage);
            }
            processes.start("kwok", kwok);

            var adminClient = new KubernetesClientBuilder()
                    .withConfig(config(url, ca, tokens.admin()))
                    .build();
            createNodes(adminClient);
            var volumeProvisioner = VolumeProvisioner.start(adminClient);
            var controlPlane = new ControlPlane(
                    binaries, dir, processes, url, ca, adminKubeconfig, adminClient, volumeProvisioner);
            controlPlane.awaitNodesAndServiceAccounts();
            log.info(
                    "Kubernetes v{} control plane up at {} in {} ms (logs: {})",
                    binaries.kubernetesVersion(),
                    url,
                    Duration.between(begin, Instant.now()).toMillis(),
                    dir.resolve("logs"));
            return controlPlane;
        } catch (IOException e) {
            processes.stopAll(Duration.ofSeconds(5));
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            processes.stopAll(Duration.ofSeconds(5));
            throw e;
        }
    }

    public String url() {
        return url;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public ControlPlaneBinaries binaries() {
        return binaries;
    }

    /** A client authenticated as a member of system:masters. Do not close it. */
    public KubernetesClient adminClient() {
        return adminClient;
    }

    public Path adminKubeconfig() {
        return adminKubeconfig;
    }

    /** One JSON object per line: every write the API server accepted or refused, with its user and verb. */
    public Path auditLog() {
        return workDirectory.resolve("logs/audit.log");
    }

    /**
     * Client configuration authenticated as a ServiceAccount, with a token from the TokenRequest API: every call
     * made with it is checked against that account's RBAC.
     */
    public Config serviceAccountConfig(String namespace, String serviceAccount) {
        var request = adminClient
                .serviceAccounts()
                .inNamespace(namespace)
                .withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withExpirationSeconds(3600L)
                        .endSpec()
                        .build());
        return config(url, caCertificate, request.getStatus().getToken());
    }

    /** A kubeconfig file for {@link #serviceAccountConfig}, for kubectl and helm. */
    public Path serviceAccountKubeconfig(String namespace, String serviceAccount) {
        var config = serviceAccountConfig(namespace, serviceAccount);
        String user = "system:serviceaccount:" + namespace + ":" + serviceAccount;
        return writeKubeconfig(
                workDirectory.resolve(namespace + "-" + serviceAccount + ".kubeconfig"),
                url,
                caCertificate,
                user,
                config.getOauthToken());
    }

    /** Runs the kubectl built for this control plane as the admin. */
    public CommandResult kubectl(String... arguments) {
        return kubectlAs(adminKubeconfig, arguments);
    }

    public CommandResult kubectlAs(Path kubeconfig, String... arguments) {
        return kubectl(kubeconfig, Path.of("."), arguments);
    }

    /** kubectl as the admin in a working directory, for commands with relative paths (as a README writes them). */
    public CommandResult kubectlIn(Path workingDirectory, String... arguments) {
        return kubectl(adminKubeconfig, workingDirectory, arguments);
    }

    private CommandResult kubectl(Path kubeconfig, Path workingDirectory, String... arguments) {
        var command = new ArrayList<>(List.of(binaries.path("kubectl").toString(), "--kubeconfig=" + kubeconfig));
        command.addAll(List.of(arguments));
        return ChildProcesses.run(command, Map.of(), workingDirectory, Duration.ofMinutes(3));
    }

    /** Runs the helm CLI against this control plane as the admin; its caches stay inside the work directory. */
    public CommandResult helm(String... arguments) {
        var command = new ArrayList<>(List.of(binaries.path("helm").toString(), "--kubeconfig=" + adminKubeconfig));
        command.addAll(List.of(arguments));
        Path home = workDirectory.resolve("helm");
        return ChildProcesses.run(
                command,
                Map.of(
                        "HELM_CACHE_HOME", home.resolve("cache").toString(),
                        "HELM_CONFIG_HOME", home.resolve("config").toString(),
                        "HELM_DATA_HOME", home.resolve("data").toString()),
                Path.of("."),
                Duration.ofMinutes(5));
    }

    @Override
    public void close() {
        volumeProvisioner.close();
        adminClient.close();
        processes.stopAll(Duration.ofSeconds(10));
        log.info("Control plane at {} stopped", url);
    }

    private void awaitNodesAndServiceAccounts() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            long readyNodes = adminClient.nodes().list().getItems().stream()
                    .filter(node -> node.getStatus() != null
                            && node.getStatus().getConditions() != null
                            && node.getStatus().getConditions().stream()
                                    .anyMatch(condition -> "Ready".equals(condition.getType())
                                            && "True".equals(condition.getStatus())))
                    .count();
            boolean serviceAccounts = adminClient
                            .serviceAccounts()
                            .inNamespace("default")
                            .withName("default")
                            .get()
                    != null;
            if (readyNodes == NODES && serviceAccounts) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("control plane not usable after " + START_TIMEOUT + ": " + readyNodes
                        + " ready nodes, default ServiceAccount " + (serviceAccounts ? "present" : "missing")
                        + "; see the logs in " + workDirectory.resolve("logs"));
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static void createNodes(KubernetesClient client) {
        for (int i = 0; i < NODES; i++) {
            String name = "kwok-node-" + i;
            client.nodes()
                    .resource(new NodeBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .addToAnnotations("kwok.x-k8s.io/node", "fake")
                            .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                            .addToLabels("kubernetes.io/hostname", name)
                            .addToLabels("kubernetes.io/os", "linux")
                            .addToLabels("kubernetes.io/arch", "amd64")
                            .addToLabels("type", "kwok")
                            .endMetadata()
                            .withNewStatus()
                            .addToCapacity("cpu", new Quantity("32"))
                            .addToCapacity("memory", new Quantity("256Gi"))
                            .addToCapacity("pods", new Quantity("110"))
                            .addToAllocatable("cpu", new Quantity("32"))
                            .addToAllocatable("memory", new Quantity("256Gi"))
                            .addToAllocatable("pods", new Quantity("110"))
                            .endStatus()
                            .build())
                    .create();
        }
    }

    /** The kwok stages that make nodes Ready with heartbeats, and pods Ready, completed and deleted. */
    private static List<Path> kwokStages(ControlPlaneBinaries binaries) throws IOException {
        var wanted = List.of(
                "node-initialize.yaml",
                "node-heartbeat-with-lease.yaml",
                "pod-ready.yaml",
                "pod-complete.yaml",
                "pod-delete.yaml");
        try (Stream<Path> files = Files.walk(binaries.kwokStages())) {
            var found = files.filter(path -> wanted.contains(path.getFileName().toString())
                            && !path.toString().contains("/chaos/"))
                    .sorted()
                    .toList();
            var names = found.stream()
                    .map(path -> path.getFileName().toString())
                    .distinct()
                    .toList();
            if (names.size() != wanted.size()) {
                throw new IllegalStateException("kwok stages missing in " + binaries.kwokStages() + ": found " + found);
            }
            var seen = new HashSet<String>();
            return found.stream()
                    .filter(path -> seen.add(path.getFileName().toString()))
                    .toList();
        }
    }

    static Config config(String url, Path ca, String token) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withCaCertFile(ca.toString())
                .withOauthToken(token)
                .withRequestTimeout(30_000)
                .build();
    }

    private static Path writeKubeconfig(Path file, String url, Path ca, String user, String token) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster:
                    server: %s
                    certificate-authority: %s
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: local
                  context:
                    cluster: local
                    user: %s
                    namespace: default
                current-context: local
                """.formatted(url, ca, quoted(user), token, quoted(user));
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }

    /** The key that signs and verifies service account tokens (PKCS#8 PEM, which Kubernetes reads). */
    private static Path writeServiceAccountKey(Path file) throws IOException {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] key = generator.generateKeyPair().getPrivate().getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key)
                    + "\n-----END PRIVATE KEY-----\n";
            return Files.writeString(file, pem);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writeAuditPolicy(Path file) throws IOException {
        return Files.writeString(file, """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: [RequestReceived]
                rules:
                - level: Metadata
                  verbs: [create, update, patch, delete, deletecollection]
                - level: None
                """);
    }

    private static void awaitHttp(Process process, String name, String url, String token) {
        var client = HttpClient.newBuilder()
                .sslContext(trustAll())
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see its log");
            }
            try {
                var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " not ready after " + START_TIMEOUT + " (" + url + ": " + last + ")");
    }

    /** For the readiness poll only, before the self-signed certificate exists; clients trust that certificate. */
    private static SSLContext trustAll() {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Static bearer tokens of the admin and the control plane's own components (kube-apiserver --token-auth-file). */
    private static final class Tokens {
        private final String admin = random();
        private final String controllerManager = random();
        private final String scheduler = random();
        private final String kwok = random();

        String admin() {
            return admin;
        }

        String controllerManager() {
            return controllerManager;
        }

        String scheduler() {
            return scheduler;
        }

        String kwok() {
            return kwok;
        }

        Path write(Path file) throws IOException {
            return Files.writeString(
                    file,
                    String.join(
                                    "\n",
                                    admin + ",admin,admin,\"system:masters\"",
                                    controllerManager + ",system:kube-controller-manager,kube-controller-manager",
                                    scheduler + ",system:kube-scheduler,kube-scheduler",
                                    // kwok writes node and pod status for the whole simulated cluster.
                                    kwok + ",kwok,kwok,\"system:masters\"")
                            + "\n");
        }

        private static String random() {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
