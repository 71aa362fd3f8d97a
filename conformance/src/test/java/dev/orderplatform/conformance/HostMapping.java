package dev.orderplatform.conformance;

import dev.orderplatform.conformance.GeneratedPlatform.PodGroup;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cluster DNS and Service routing on one machine. Every {@code host:port} in an address is resolved as a pod of the
 * platform would resolve and reach it, and becomes {@code 127.0.0.1:<container port>} (every component listens on
 * its generated port here):
 * <ul>
 *   <li>{@code <svc>[.<ns>[.svc[.cluster.local]]]:<port>} of a ClusterIP Service: the Service must have that port and
 *       select a workload; the address becomes the port's target port;</li>
 *   <li>the same of a headless Service: DNS answers with the pods' addresses, so the port must be a container port
 *       of the pods it selects;</li>
 *   <li>{@code <pod>.<svc>...}: a pod of the StatefulSet governed by that headless Service, by ordinal below its
 *       replicas.</li>
 * </ul>
 * Any other host, port or pod fails with the reason: no pod could reach it either.
 */
final class HostMapping {

    static final String LOOPBACK = "127.0.0.1";

    /** A host followed by a port, where an address starts: after {@code //}, {@code =}, {@code ;}, {@code ,} or first. */
    private static final Pattern ADDRESS =
            Pattern.compile("(?:^|(?<=//|[=;,@\\s]))([A-Za-z0-9][A-Za-z0-9.-]*):(\\d{1,5})\\b");

    private final String namespace;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<PodGroup> pods;

    HostMapping(GeneratedPlatform platform) {
        this.namespace = platform.namespace();
        platform.serviceObjects()
                .forEach(service -> services.put(service.getMetadata().getName(), service));
        this.pods = platform.podGroups();
    }

    /** The text with every address mapped; fails on one that no pod could reach. */
    String apply(String text) {
        Matcher address = ADDRESS.matcher(text);
        var mapped = new StringBuilder();
        while (address.find()) {
            String host = address.group(1);
            int port = Integer.parseInt(address.group(2));
            int target = host.equals(LOOPBACK) ? port : resolve(host, port, text);
            address.appendReplacement(mapped, Matcher.quoteReplacement(LOOPBACK + ":" + target));
        }
        address.appendTail(mapped);
        return mapped.toString();
    }

    /** Every value mapped; names unchanged. */
    Map<String, String> apply(Map<String, String> environment) {
        var mapped = new LinkedHashMap<String, String>();
        environment.forEach((name, value) -> mapped.put(name, apply(value)));
        return mapped;
    }

    private int resolve(String host, int port, String text) {
        String name = withoutClusterDomain(host)
                .orElseThrow(() -> unreachable(host, port, text, "not a name in namespace " + namespace));
        int dot = name.indexOf('.');
        String serviceName = dot < 0 ? name : name.substring(dot + 1);
        Service service = services.get(serviceName);
        if (service == null) {
            throw unreachable(host, port, text, "no Service " + serviceName);
        }
        boolean headless = "None".equals(service.getSpec().getClusterIP());
        if (dot >= 0) {
            String pod = name.substring(0, dot);
            PodGroup group = pods.stream()
                    .filter(p -> headless
                            && serviceName.equals(p.governingService().orElse(null))
                            && pod.matches(Pattern.quote(p.name()) + "-\\d+")
                            && Integer.parseInt(pod.substring(p.name().length() + 1)) < p.replicas())
                    .findFirst()
                    .orElseThrow(() -> unreachable(
                            host, port, text, "no pod " + pod + " behind the headless Service " + serviceName));
            return containerPort(group, port, host, text);
        }
        PodGroup selected = pods.stream()
                .filter(p -> selects(service, p))
                .findFirst()
                .orElseThrow(() -> unreachable(host, port, text, "Service " + serviceName + " selects no pod"));
        if (headless) {
            return containerPort(selected, port, host, text);
        }
        ServicePort servicePort = service.getSpec().getPorts().stream()
                .filter(p -> p.getPort() == port)
                .findFirst()
                .orElseThrow(() -> unreachable(host, port, text, "Service " + serviceName + " has no port " + port));
        IntOrString targetPort = servicePort.getTargetPort();
        if (targetPort == null) {
            return containerPort(selected, port, host, text);
        }
        if (targetPort.getIntVal() != null) {
            return containerPort(selected, targetPort.getIntVal(), host, text);
        }
        Integer named = selected.containerPorts().get(targetPort.getStrVal());
        if (named == null) {
            throw unreachable(
                    host,
                    port,
                    text,
                    "its target port " + targetPort.getStrVal() + " is no container port of " + selected.name());
        }
        return named;
    }

    /** {@code x}, {@code x.<ns>}, {@code x.<ns>.svc}, {@code x.<ns>.svc.cluster.local} are all {@code x}. */
    private Optional<String> withoutClusterDomain(String host) {
        for (String suffix :
                List.of("." + namespace + ".svc.cluster.local", "." + namespace + ".svc", "." + namespace)) {
            if (host.endsWith(suffix)) {
                return Optional.of(host.substring(0, host.length() - suffix.length()));
            }
        }
        return host.chars().filter(c -> c == '.').count() <= 1 ? Optional.of(host) : Optional.empty();
    }

    private static boolean selects(Service service, PodGroup pods) {
        Map<String, String> selector = service.getSpec().getSelector();
        return selector != null
                && !selector.isEmpty()
                && pods.labels().entrySet().containsAll(selector.entrySet());
    }

    private int containerPort(PodGroup group, int port, String host, String text) {
        if (!group.containerPorts().containsValue(port)) {
            throw unreachable(host, port, text, "no container of " + group.name() + " listens on " + port);
        }
        return port;
    }

    private static IllegalStateException unreachable(String host, int port, String text, String why) {
        return new IllegalStateException(host + ":" + port + " in '" + text + "' is unreachable from a pod: " + why);
    }
}
