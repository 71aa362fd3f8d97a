package dev.orderplatform.operator.mysql;

import static dev.orderplatform.operator.platform.TestPlatforms.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.operator.platform.PlatformSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
        var statefulSet =
                MysqlResources.statefulSet(settings("mysql: {managed: {storageSize: 5Gi, storageClassName: ssd}}"));

        var spec = statefulSet.getSpec();
        assertThat(spec.getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
                .isEqualTo("Retain");
        var claim = spec.getVolumeClaimTemplates().getFirst().getSpec();
        assertThat(claim.getResources().getRequests().get("storage").toString()).isEqualTo("5Gi");
        assertThat(claim.getStorageClassName()).isEqualTo("ssd");

        var pod = spec.getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
        var container = pod.getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("mariadb:11.4.99");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getVolumeMounts())
                .extracting("mountPath")
                .contains("/var/lib/mysql", "/docker-entrypoint-initdb.d", "/run/mysqld", "/tmp");
        assertThat(container.getEnv())
                .extracting(EnvVar::getName)
                .containsExactly("MARIADB_ROOT_PASSWORD", "GOODS_PASSWORD", "INVENTORY_PASSWORD", "ORDER_PASSWORD");
        assertThat(container.getEnv()).allSatisfy(env -> {
            assertThat(env.getValue()).isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("shop-mysql-credentials");
        });
    }

    @Test
    void dataDirectoryIsADirectoryOfTheVolumeNotItsRoot() {
        var container = container(settings(""));

        assertThat(container.getVolumeMounts())
                .filteredOn(mount -> mount.getName().equals("data"))
                .singleElement()
                .satisfies(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/var/lib/mysql");
                    assertThat(mount.getSubPath()).isNotBlank();
                });
    }

    @Test
    void initScriptUsesTheMariadbClientAndOnlyVariablesThePodHas() {
        String script = MysqlResources.initScript();
        var podVariables =
                container(settings("")).getEnv().stream().map(EnvVar::getName).toList();

        assertThat(script).contains("mariadb --protocol=socket -uroot").doesNotContain("mysql ");
        assertThat(Pattern.compile("\\$\\{([A-Z_]+)}").matcher(script).results().map(match -> match.group(1)))
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(podVariables).contains(variable));
    }

    @Test
    void slowFirstInitialisationIsNotKilledAndTheImagesHealthcheckIsUsed() {
        var container = container(settings(""));

        var startup = container.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isGreaterThanOrEqualTo(600);
        assertThat(container.getLivenessProbe().getInitialDelaySeconds()).isNull();
        assertThat(List.of(startup, container.getReadinessProbe(), container.getLivenessProbe()))
                .allSatisfy(probe ->
                        assertThat(probe.getExec().getCommand().getFirst()).isEqualTo("healthcheck.sh"));
    }

    @Test
    void deleteRetentionDeletesTheVolumeWithTheStatefulSet() {
        var statefulSet = MysqlResources.statefulSet(settings("dataRetention: Delete"));

        assertThat(statefulSet
                        .getSpec()
                        .getPersistentVolumeClaimRetentionPolicy()
                        .getWhenDeleted())
                .isEqualTo("Delete");
    }

    private static Container container(PlatformSettings platform) {
        return MysqlResources.statefulSet(platform)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
    }
}
