package dev.orderplatform.operator.platform;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One OrderPlatform: MySQL, RocketMQ and the goods, inventory and order services in one namespace.
 */
@Group("orderplatform.dev")
@Version("v1alpha1")
@ShortNames("op")
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "The Ready condition's status")
@AdditionalPrinterColumn(
        name = "Reason",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "The Ready condition's reason")
@AdditionalPrinterColumn(
        name = "Components",
        jsonPath = ".status.readyComponents",
        type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Components rolled out with all pods ready, out of all components")
@AdditionalPrinterColumn(
        name = "Endpoint",
        jsonPath = ".status.orderEndpoint",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1,
        getDescription = "The order service's HTTP API inside the cluster")
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
        value = "self.metadata.name.matches('" + PlatformDefaults.PLATFORM_NAME_PATTERN + "')",
        message = "metadata.name must start with a lowercase letter and hold only lowercase letters, digits and '-' "
                + "(a DNS-1035 label): it prefixes the platform's Service names")
@ValidationRule(
        value = "size(self.metadata.name) <= " + PlatformDefaults.PLATFORM_NAME_MAX_LENGTH,
        message = "metadata.name must have at most " + PlatformDefaults.PLATFORM_NAME_MAX_LENGTH
                + " characters so that " + "the names of the platform's StatefulSets and their pods' labels fit in 63")
public class OrderPlatform extends CustomResource<OrderPlatformSpec, OrderPlatformStatus> implements Namespaced {

    @Override
    protected OrderPlatformSpec initSpec() {
        return new OrderPlatformSpec(null, null, null, null, null, null, null);
    }
}
