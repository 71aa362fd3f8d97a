package dev.orderplatform.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.operator.mysql.MysqlResources;
import org.junit.jupiter.api.Test;

class StatefulSetDependentTest {

    @Test
    void storageChangesOfAnExistingVolumeAreReportedAsIgnored() {
        var created = MysqlResources.statefulSet(TestPlatforms.settings(""));
        var wanted = MysqlResources.statefulSet(
                TestPlatforms.settings("mysql: {managed: {storageSize: 50Gi, storageClassName: fast-ssd}}"));

        assertThat(StatefulSetDependent.ignoredVolumeChanges(wanted, created))
                .containsExactly(
                        "shop-mysql volume data keeps its size 10Gi (spec: 50Gi): resize its PersistentVolumeClaims instead.",
                        "shop-mysql volume data keeps its storage class (default) (spec: fast-ssd): "
                                + "the class of a volume cannot change.");
        assertThat(StatefulSetDependent.ignoredVolumeChanges(created, created)).isEmpty();
    }
}
