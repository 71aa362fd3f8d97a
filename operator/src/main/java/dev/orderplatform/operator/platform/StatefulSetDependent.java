package dev.orderplatform.operator.platform;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A StatefulSet of the platform. Its volume claim templates are immutable once created: a changed
 * storage size or class in the spec would only make every update fail. They are kept as created;
 * an existing volume is resized through its PersistentVolumeClaim. The status says so with a Warning
 * condition, see {@link #ignoredVolumeChanges}.
 */
public abstract class StatefulSetDependent extends PlatformDependent<StatefulSet> {

    protected StatefulSetDependent(
            Function<PlatformSettings, String> name, Function<PlatformSettings, StatefulSet> builder) {
        super(StatefulSet.class, name, builder);
    }

    @Override
    protected StatefulSet desired(OrderPlatform primary, Context<OrderPlatform> context) {
        var desired = super.desired(primary, context);
        getSecondaryResource(primary, context)
                .ifPresent(actual -> desired.getSpec()
                        .setVolumeClaimTemplates(actual.getSpec().getVolumeClaimTemplates()));
        return desired;
    }

    /**
     * The spec's volume changes that the existing StatefulSet cannot take, one sentence each: its
     * volume claim templates keep the storage size and class they were created with.
     */
    public static List<String> ignoredVolumeChanges(StatefulSet desired, StatefulSet actual) {
        var ignored = new ArrayList<String>();
        for (PersistentVolumeClaim wanted : desired.getSpec().getVolumeClaimTemplates()) {
            actual.getSpec().getVolumeClaimTemplates().stream()
                    .filter(kept -> kept.getMetadata()
                            .getName()
                            .equals(wanted.getMetadata().getName()))
                    .findFirst()
                    .ifPresent(kept -> {
                        Quantity keptSize = storage(kept);
                        Quantity wantedSize = storage(wanted);
                        String volume = actual.getMetadata().getName() + " volume "
                                + kept.getMetadata().getName();
                        if (!Objects.equals(keptSize, wantedSize)) {
                            ignored.add(volume + " keeps its size " + keptSize + " (spec: " + wantedSize
                                    + "): resize its PersistentVolumeClaims instead.");
                        }
                        String keptClass = kept.getSpec().getStorageClassName();
                        String wantedClass = wanted.getSpec().getStorageClassName();
                        if (!Objects.equals(keptClass, wantedClass)) {
                            ignored.add(volume + " keeps its storage class "
                                    + Objects.requireNonNullElse(keptClass, "(default)")
                                    + " (spec: " + Objects.requireNonNullElse(wantedClass, "(default)")
                                    + "): the class of a volume cannot change.");
                        }
                    });
        }
        return ignored;
    }

    private static Quantity storage(PersistentVolumeClaim claim) {
        return claim.getSpec().getResources().getRequests().get("storage");
    }
}
