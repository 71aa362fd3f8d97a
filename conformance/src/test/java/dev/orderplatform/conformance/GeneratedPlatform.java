package dev.orderplatform.conformance;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The configuration of one platform as its pods would see it, read from the platform's objects (Deployments,
 * StatefulSets, ConfigMaps, Secrets, Services), whoever produced them. Components are recognised by what their
 * containers run, not by names or labels: the database is the pod that mounts {@value #INIT_DIR}, the name server
 * and the broker are the pods that start one ({@link RocketMqLaunch}), every Deployment is a service.
 * Environment variables are resolved as the kubelet does: {@code valueFrom.secretKeyRef} from the given Secrets.
 */
final class GeneratedPlatform {

    /** Where a MySQL or MariaDB image's entrypoint looks for init scripts on an empty data directory. */
    static final String INIT_DIR = "/docker-entrypoint-initdb.d";

    /** A container as it would run: image, arguments, resolved environment, ports by name, memory limit. */
    record Workload(
            String name,
            String image,
            List<String> command,
            List<String> args,
            Map<String, String> env,
            Map<String, Integer> ports,
            Optional<Quantity> memoryLimit,
            Optional<Readiness> readiness) {

        /** The container's command followed by its arguments. */
        List<String> commandLine() {
            return GeneratedPlatform.commandLine(command, args);
        }

        /** Repository name of the image without registry and tag: {@code registry/goods:1.0} is {@code goods}. */
        String imageName() {
            String withoutTag = image.replaceFirst("[:@][^/]*$", "");
            return withoutTag.substring(withoutTag.lastIndexOf('/') + 1);
        }

        int port(String name) {
            Integer port = ports.get(name);
            if (port == null) {
                throw new IllegalStateException(this.name + " has no container port named " + name + ": " + ports);
            }
            return port;
        }

        /** The only (or first) container port. */
        int firstPort() {
            return ports.values().stream()
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " declares no container port"));
        }
    }

    /** The pods of one StatefulSet or Deployment: their labels, container ports by name, governing Service. */
    record PodGroup(
            String name,
            Map<String, String> labels,
            Map<String, Integer> containerPorts,
            Optional<String> governingService,
            int replicas) {}

    /** An HTTP readiness probe: path and container port. */
    record Readiness(String path, int port) {}

    /** The database pod and the scripts its image's entrypoint runs, by file name in the order it runs them. */
    record Database(Workload workload, SortedMap<String, String> initScripts) {}

    /** The broker pod and the broker.conf it starts with. */
    record Broker(Workload workload, String brokerConf) {

        Properties properties() {
            var properties = new Properties();
            try {
                properties.load(new StringReader(brokerConf));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties;
        }
    }

    private final String namespace;
    private final List<HasMetadata> objects;

    private GeneratedPlatform(String namespace, List<? extends HasMetadata> objects) {
        this.namespace = namespace;
        this.objects = List.copyOf(objects);
    }

    /** The objects of one platform, all in one namespace. */
    static GeneratedPlatform of(List<? extends HasMetadata> objects) {
        var namespaces = objects.stream()
                .map(o -> o.getMetadata().getNamespace())
                .distinct()
                .toList();
        if (namespaces.size() != 1) {
            throw new IllegalArgumentException("the objects of one platform live in one namespace, not " + namespaces);
        }
        return new GeneratedPlatform(namespaces.getFirst(), objects);
    }

    String namespace() {
        return namespace;
    }

    List<Service> serviceObjects() {
        return all(Service.class);
    }

    /** The pods of every workload, as Services select them and DNS names them. */
    List<PodGroup> podGroups() {
        var groups = new ArrayList<PodGroup>();
        for (StatefulSet statefulSet : all(StatefulSet.class)) {
            var spec = statefulSet.getSpec();
            groups.add(podGroup(
                    statefulSet.getMetadata().getName(),
                    spec.getTemplate(),
                    Optional.ofNullable(spec.getServiceName()),
                    Optional.ofNullable(spec.getReplicas()).orElse(1)));
        }
        for (Deployment deployment : all(Deployment.class)) {
            var spec = deployment.getSpec();
            groups.add(podGroup(
                    deployment.getMetadata().getName(),
                    spec.getTemplate(),
                    Optional.empty(),
                    Optional.ofNullable(spec.getReplicas()).orElse(1)));
        }
        return groups;
    }

    /** The app services, one per Deployment, keyed by container name. */
    Map<String, Workload> services() {
        var services = new LinkedHashMap<String, Workload>();
        for (Deployment deployment : all(Deployment.class)) {
            Workload workload = workload(deployment.getSpec().getTemplate().getSpec());
            services.put(workload.name(), workload);
        }
        return services;
    }

    Database database() {
        PodSpec pod = podRunning(c -> mountPath(c, INIT_DIR).isPresent(), "mounts " + INIT_DIR);
        VolumeMount mount = pod.getContainers().stream()
                .flatMap(c -> mountPath(c, INIT_DIR).stream())
                .findFirst()
                .orElseThrow();
        ConfigMap scripts = configMapMountedAt(pod, mount);
        return new Database(workload(pod), new TreeMap<>(scripts.getData()));
    }

    Workload nameServer() {
        return workload(podRunning(c -> RocketMqLaunch.NAME_SERVER.startedBy(commandLine(c)), "starts a name server"));
    }

    Broker broker() {
        PodSpec pod = podRunning(c -> RocketMqLaunch.BROKER.startedBy(commandLine(c)), "starts a broker");
        Workload workload = workload(pod);
        String file = RocketMqLaunch.BROKER.configFile(workload.commandLine());
        String dir = file.substring(0, file.lastIndexOf('/'));
        Container container = pod.getContainers().getFirst();
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(dir))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no volume is mounted at " + dir + " for " + file));
        ConfigMap config = configMapMountedAt(pod, mount);
        String key = file.substring(file.lastIndexOf('/') + 1);
        String brokerConf = config.getData().get(key);
        if (brokerConf == null) {
            throw new IllegalStateException("ConfigMap " + config.getMetadata().getName() + " has no key " + key);
        }
        return new Broker(workload, brokerConf);
    }

    /** A Secret's value, base64-decoded as the kubelet (or {@code base64 -d}) does. */
    String secretValue(String secretName, String key) {
        Secret secret = all(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().equals(secretName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no Secret " + secretName + " in " + namespace));
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        if (encoded == null) {
            throw new IllegalStateException("Secret " + secretName + " has no key " + key);
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private Workload workload(PodSpec pod) {
        if (pod.getContainers().size() != 1) {
            throw new IllegalStateException("expected one container per pod: " + pod.getContainers());
        }
        Container container = pod.getContainers().getFirst();
        var ports = new LinkedHashMap<String, Integer>();
        for (ContainerPort port : container.getPorts()) {
            ports.put(port.getName(), port.getContainerPort());
        }
        Optional<Quantity> memoryLimit = Optional.ofNullable(container.getResources())
                .map(r -> r.getLimits())
                .map(limits -> limits.get("memory"));
        Optional<Readiness> readiness = Optional.ofNullable(container.getReadinessProbe())
                .map(probe -> probe.getHttpGet())
                .map(httpGet -> new Readiness(
                        httpGet.getPath(),
                        httpGet.getPort().getIntVal() != null
                                ? httpGet.getPort().getIntVal()
                                : Optional.ofNullable(
                                                ports.get(httpGet.getPort().getStrVal()))
                                        .orElseThrow(() -> new IllegalStateException(
                                                container.getName() + "'s readiness probe names no container port: "
                                                        + httpGet.getPort().getStrVal()))));
        return new Workload(
                container.getName(),
                container.getImage(),
                container.getCommand(),
                container.getArgs(),
                environment(container),
                ports,
                memoryLimit,
                readiness);
    }

    private static PodGroup podGroup(
            String name, PodTemplateSpec template, Optional<String> governingService, int replicas) {
        var ports = new LinkedHashMap<String, Integer>();
        template.getSpec()
                .getContainers()
                .forEach(c -> c.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort())));
        Map<String, String> labels =
                template.getMetadata() == null || template.getMetadata().getLabels() == null
                        ? Map.of()
                        : template.getMetadata().getLabels();
        return new PodGroup(name, labels, ports, governingService, replicas);
    }

    private Map<String, String> environment(Container container) {
        var env = new LinkedHashMap<String, String>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() == null) {
                env.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
                continue;
            }
            SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
            if (ref == null) {
                throw new IllegalStateException("only secretKeyRef is resolved here, not " + variable);
            }
            env.put(variable.getName(), secretValue(ref.getName(), ref.getKey()));
        }
        return env;
    }

    private PodSpec podRunning(Predicate<Container> what, String description) {
        var pods = new ArrayList<PodSpec>();
        all(StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
        all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        var matching = pods.stream()
                .filter(pod -> pod.getContainers().stream().anyMatch(what))
                .toList();
        if (matching.size() != 1) {
            throw new IllegalStateException(
                    "expected one workload whose container " + description + ", found " + matching.size());
        }
        return matching.getFirst();
    }

    private ConfigMap configMapMountedAt(PodSpec pod, VolumeMount mount) {
        String configMapName = pod.getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()) && v.getConfigMap() != null)
                .map(v -> v.getConfigMap().getName())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("volume " + mount.getName() + " is not a ConfigMap"));
        return all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(configMapName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no ConfigMap " + configMapName + " in " + namespace));
    }

    private static Optional<VolumeMount> mountPath(Container container, String path) {
        return container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(path))
                .findFirst();
    }

    private static List<String> commandLine(Container container) {
        return commandLine(container.getCommand(), container.getArgs());
    }

    private static List<String> commandLine(List<String> command, List<String> args) {
        var commandLine = new ArrayList<>(command);
        commandLine.addAll(args);
        return commandLine;
    }

    private <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
