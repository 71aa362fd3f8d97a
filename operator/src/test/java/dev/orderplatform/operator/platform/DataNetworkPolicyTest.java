package dev.orderplatform.operator.platform;

import static dev.orderplatform.operator.platform.TestPlatforms.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DataNetworkPolicyTest {

    @Test
    void onlyThePlatformsPodsAndTheOperatorInItsOwnNamespaceReachTheManagedInfrastructure() {
        var policy = DataNetworkPolicy.networkPolicy(settings("")).getSpec();

        assertThat(policy.getPodSelector().getMatchLabels()).containsEntry(Labels.INSTANCE, "shop");
        assertThat(policy.getPodSelector().getMatchExpressions().getFirst().getValues())
                .containsExactly("mysql", "nameserver", "broker");
        assertThat(policy.getIngress()).hasSize(2);
        assertThat(policy.getIngress()
                        .get(0)
                        .getFrom()
                        .getFirst()
                        .getPodSelector()
                        .getMatchLabels())
                .containsEntry(Labels.INSTANCE, "shop")
                .containsEntry(Labels.PART_OF, "orderplatform");
        var operator = policy.getIngress().get(1).getFrom().getFirst();
        assertThat(operator.getPodSelector().getMatchLabels()).containsEntry(Labels.NAME, "orderplatform-operator");
        assertThat(operator.getNamespaceSelector().getMatchLabels())
                .containsExactlyEntriesOf(Map.of("kubernetes.io/metadata.name", TestPlatforms.OPERATOR_NAMESPACE));
        assertThat(policy.getIngress().get(1).getPorts())
                .extracting(port -> port.getPort().getIntVal())
                .containsExactly(9876, 10911);
    }

    @Test
    void anOperatorOutsideTheClusterLetsNoPodInForItself() {
        var inCluster = TestPlatforms.settings("");
        var outside = new PlatformSettings(
                inCluster.name(),
                inCluster.namespace(),
                inCluster.imageRegistry(),
                inCluster.imageTag(),
                inCluster.pullPolicy(),
                inCluster.services(),
                inCluster.orderTimeout(),
                inCluster.managedMysql(),
                inCluster.externalMysql(),
                inCluster.managedRocketmq(),
                inCluster.externalNameServerAddress(),
                inCluster.dataRetention(),
                null,
                inCluster.monitoring());

        assertThat(DataNetworkPolicy.networkPolicy(outside).getSpec().getIngress())
                .singleElement()
                .satisfies(rule -> assertThat(
                                rule.getFrom().getFirst().getPodSelector().getMatchLabels())
                        .containsEntry(Labels.INSTANCE, "shop"));
    }

    @Test
    void externalDatabaseIsLeftOut() {
        var policy = DataNetworkPolicy.networkPolicy(settings("""
        mysql: {external: {jdbcUrl: "jdbc:mariadb://db:3306", credentialsSecret: {name: db}}}
        """)).getSpec();

        assertThat(policy.getPodSelector().getMatchExpressions().getFirst().getValues())
                .containsExactly("nameserver", "broker");
    }
}
