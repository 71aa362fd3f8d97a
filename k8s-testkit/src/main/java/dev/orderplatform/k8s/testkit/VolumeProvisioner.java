package dev.orderplatform.k8s.testkit;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does what a cluster's dynamic provisioner does: every PersistentVolumeClaim without a volume gets a
 * PersistentVolume of its size, access modes and storage class, reserved for it through {@code claimRef}; the
 * controller manager's PV controller then binds the two. The volumes are hostPath volumes that nothing mounts
 * (kwok runs no containers); they are retained when released, as no deleter exists for them.
 */
final class VolumeProvisioner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VolumeProvisioner.class);

    private final SharedIndexInformer<PersistentVolumeClaim> informer;

    private VolumeProvisioner(SharedIndexInformer<PersistentVolumeClaim> informer) {
        this.informer = informer;
    }

    static VolumeProvisioner start(KubernetesClient client) {
        var informer = client.persistentVolumeClaims().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(PersistentVolumeClaim claim) {
                provision(client, claim);
            }

            @Override
            public void onUpdate(PersistentVolumeClaim before, PersistentVolumeClaim claim) {
                provision(client, claim);
            }

            @Override
            public void onDelete(PersistentVolumeClaim claim, boolean finalStateUnknown) {}
        });
        return new VolumeProvisioner(informer);
    }

    private static void provision(KubernetesClient client, PersistentVolumeClaim claim) {
        var spec = claim.getSpec();
        if (claim.getMetadata().getDeletionTimestamp() != null || spec.getVolumeName() != null) {
            return;
        }
        String name = "pv-" + claim.getMetadata().getUid();
        if (client.persistentVolumes().withName(name).get() != null) {
            return;
        }
        var volume = new PersistentVolumeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(
                        "orderplatform.dev/provisioned-for", claim.getMetadata().getNamespace())
                .endMetadata()
                .withNewSpec()
                .withCapacity(spec.getResources().getRequests())
                .withAccessModes(spec.getAccessModes())
                .withStorageClassName(spec.getStorageClassName() == null ? "" : spec.getStorageClassName())
                .withPersistentVolumeReclaimPolicy("Retain")
                .withNewHostPath()
                .withPath("/nonexistent/" + name)
                .endHostPath()
                .withClaimRef(new ObjectReferenceBuilder()
                        .withNamespace(claim.getMetadata().getNamespace())
                        .withName(claim.getMetadata().getName())
                        .withUid(claim.getMetadata().getUid())
                        .build())
                .endSpec()
                .build();
        try {
            client.persistentVolumes().resource(volume).create();
            log.debug(
                    "Provisioned {} for {}/{}",
                    name,
                    claim.getMetadata().getNamespace(),
                    claim.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                log.warn(
                        "Cannot provision a volume for {}/{}: {}",
                        claim.getMetadata().getNamespace(),
                        claim.getMetadata().getName(),
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
