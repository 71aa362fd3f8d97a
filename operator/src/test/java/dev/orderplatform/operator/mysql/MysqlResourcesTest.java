package dev.orderplatform.operator.mysql;

import static dev.orderplatform.operator.platform.TestPlatforms.settings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;

class MysqlResourcesTest {

  @Test
  void initScriptCreatesOneSchemaAndOneUserPerServiceWithRightsOnItsSchemaOnly() {
    String script = MysqlResources.initScript();

    assertThat(script)
        .contains("CREATE DATABASE IF NOT EXISTS \\`goods\\`;")
        .contains("CREATE DATABASE IF NOT EXISTS \\`inventory\\`;")
        .contains("CREATE DATABASE IF NOT EXISTS \\`orders\\`;")
        .contains("CREATE USER IF NOT EXISTS 'order'@'%' IDENTIFIED BY '${ORDER_PASSWORD}';")
        .contains("GRANT ALL PRIVILEGES ON \\`orders\\`.* TO 'order'@'%';")
        .contains("GRANT ALL PRIVILEGES ON \\`goods\\`.* TO 'goods'@'%';")
        .doesNotContain("*.*");
  }

  @Test
  void statefulSetKeepsItsVolumeByDefaultAndRunsRestricted() {
    var statefulSet = MysqlResources.statefulSet(settings("mysql: {managed: {storageSize: 5Gi, storageClassName: ssd}}"));

    var spec = statefulSet.getSpec();
    assertThat(spec.getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
    var claim = spec.getVolumeClaimTemplates().getFirst().getSpec();
    assertThat(claim.getResources().getRequests().get("storage").toString()).isEqualTo("5Gi");
    assertThat(claim.getStorageClassName()).isEqualTo("ssd");

    var pod = spec.getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    var container = pod.getContainers().getFirst();
    assertThat(container.getImage()).isEqualTo("mysql:8.4");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getVolumeMounts()).extracting("mountPath")
        .contains("/var/lib/mysql", "/docker-entrypoint-initdb.d", "/var/run/mysqld", "/tmp");
    assertThat(container.getEnv()).extracting(EnvVar::getName)
        .containsExactly("MYSQL_ROOT_PASSWORD", "GOODS_PASSWORD", "INVENTORY_PASSWORD", "ORDER_PASSWORD");
    assertThat(container.getEnv()).allSatisfy(env -> {
      assertThat(env.getValue()).isNull();
      assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("shop-mysql-credentials");
    });
  }

  @Test
  void deleteRetentionDeletesTheVolumeWithTheStatefulSet() {
    var statefulSet = MysqlResources.statefulSet(settings("dataRetention: Delete"));

    assertThat(statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Delete");
  }
}
