package dev.orderplatform.operator.platform;

import dev.orderplatform.operator.mysql.MysqlResources;
import dev.orderplatform.operator.rocketmq.RocketmqResources;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Only the platform's own pods reach MySQL, the name servers and the broker; the operator's pods, in
 * the operator's own namespace only, reach the name servers and the broker too, to create the topics
 * (the broker's admin API is unauthenticated: a pod labelled like the operator elsewhere must not).
 * An operator running outside the cluster is no pod, so then no pod is let in for it.
 */
public final class DataNetworkPolicy {

    public static final String COMPONENT = "network-policy";
    /** The label the Helm chart puts on the operator's pods. */
    public static final String OPERATOR_POD_NAME = "orderplatform-operator";
    /** The label Kubernetes puts on every namespace, with the namespace's name. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private DataNetworkPolicy() {}

    public static String name(PlatformSettings platform) {
        return platform.resourceName("data");
    }

    public static NetworkPolicy networkPolicy(PlatformSettings platform) {
        var components = new ArrayList<String>();
        if (platform.mysqlManaged()) {
            components.add(MysqlResources.COMPONENT);
        }
        if (platform.rocketmqManaged()) {
            components.add(RocketmqResources.NAME_SERVER);
            components.add(RocketmqResources.BROKER);
        }
        var policy = new NetworkPolicyBuilder()
                .withMetadata(Labels.metadata(platform, COMPONENT, name(platform)))
                .withNewSpec()
                .withNewPodSelector()
                .addToMatchLabels(Labels.INSTANCE, platform.name())
                .withMatchExpressions(new LabelSelectorRequirementBuilder()
                        .withKey(Labels.NAME)
                        .withOperator("In")
                        .withValues(components)
                        .build())
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(new NetworkPolicyPeerBuilder()
                        .withNewPodSelector()
                        .addToMatchLabels(Labels.INSTANCE, platform.name())
                        .addToMatchLabels(Labels.PART_OF, Labels.PART_OF_VALUE)
                        .endPodSelector()
                        .build())
                .endIngress()
                .endSpec();
        if (platform.operatorNamespace() != null) {
            policy.editSpec()
                    .addNewIngress()
                    .withFrom(new NetworkPolicyPeerBuilder()
                            .withNewNamespaceSelector()
                            .addToMatchLabels(NAMESPACE_NAME_LABEL, platform.operatorNamespace())
                            .endNamespaceSelector()
                            .withNewPodSelector()
                            .addToMatchLabels(Labels.NAME, OPERATOR_POD_NAME)
                            .endPodSelector()
                            .build())
                    .withPorts(List.of(tcp(PlatformContract.NAME_SERVER_PORT), tcp(PlatformContract.BROKER_PORT)))
                    .endIngress()
                    .endSpec();
        }
        return policy.build();
    }

    public static NetworkPolicyPort tcp(int port) {
        return new NetworkPolicyPortBuilder()
                .withProtocol("TCP")
                .withPort(new IntOrString(port))
                .build();
    }
}
