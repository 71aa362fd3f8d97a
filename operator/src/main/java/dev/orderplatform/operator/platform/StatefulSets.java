package dev.orderplatform.operator.platform;

import dev.orderplatform.operator.platform.OrderPlatformSpec.DataRetention;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpecBuilder;
import java.util.Map;
import java.util.Objects;

/** What the MySQL, name-server and broker StatefulSets have in common. */
public final class StatefulSets {

    public static final String DATA_VOLUME = "data";

    private StatefulSets() {}

    /** Gives each pod a stable DNS name, {@code <pod>.<service>}, which the name-server address list relies on. */
    public static Service headlessService(
            PlatformSettings platform, String component, String name, Map<String, Integer> ports) {
        return new ServiceBuilder()
                .withMetadata(Labels.metadata(platform, component, name))
                .withNewSpec()
                .withClusterIP("None")
                .withSelector(Labels.selector(platform, component))
                .withPorts(ports.entrySet().stream()
                        .sorted(Map.Entry.comparingByValue())
                        .map(port -> servicePort(port.getKey(), port.getValue()))
                        .toList())
                .endSpec()
                .build();
    }

    public static ServicePort servicePort(String name, int port) {
        return new ServicePortBuilder()
                .withName(name)
                .withPort(port)
                .withNewTargetPort(port)
                .withProtocol("TCP")
                .build();
    }

    /**
     * A StatefulSet spec with a pod template carrying the component's labels and, when a storage size is
     * given, one data volume per pod whose claim is kept or deleted with the StatefulSet as the spec's
     * dataRetention says.
     */
    public static StatefulSetSpec spec(
            PlatformSettings platform,
            String component,
            String serviceName,
            int replicas,
            String storageSize,
            String storageClassName) {
        var spec = new StatefulSetSpecBuilder()
                .withServiceName(serviceName)
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(Labels.selector(platform, component))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.of(platform, component))
                .endMetadata()
                .withNewSpec()
                .withEnableServiceLinks(false)
                .endSpec()
                .endTemplate();
        if (storageSize != null) {
            String whenDeleted = platform.dataRetention() == DataRetention.Delete ? "Delete" : "Retain";
            spec.withNewPersistentVolumeClaimRetentionPolicy()
                    .withWhenDeleted(whenDeleted)
                    .withWhenScaled("Retain")
                    .endPersistentVolumeClaimRetentionPolicy()
                    .addNewVolumeClaimTemplate()
                    .withNewMetadata()
                    .withName(DATA_VOLUME)
                    .withLabels(Labels.of(platform, component))
                    .endMetadata()
                    .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(storageClassName)
                    .withNewResources()
                    .addToRequests("storage", new Quantity(storageSize))
                    .endResources()
                    .endSpec()
                    .endVolumeClaimTemplate();
        }
        return spec.build();
    }

    /** All desired pods are ready. */
    public static boolean isReady(StatefulSet statefulSet) {
        int desired = Objects.requireNonNullElse(statefulSet.getSpec().getReplicas(), 1);
        var status = statefulSet.getStatus();
        return status != null && Objects.requireNonNullElse(status.getReadyReplicas(), 0) >= desired;
    }
}
