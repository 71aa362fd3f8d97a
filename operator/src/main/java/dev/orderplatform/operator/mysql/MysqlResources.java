package dev.orderplatform.operator.mysql;

import dev.orderplatform.operator.platform.Labels;
import dev.orderplatform.operator.platform.PlatformContract;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import dev.orderplatform.operator.platform.PlatformSettings;
import dev.orderplatform.operator.platform.PodDefaults;
import dev.orderplatform.operator.platform.StatefulSets;
import dev.orderplatform.operator.secrets.GeneratedSecrets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ExecActionBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Desired state of the managed database: one MariaDB pod (the official image, the version the services are
 * tested on), one schema and one user per service.
 */
public final class MysqlResources {

    public static final String COMPONENT = "mysql";
    /** The uid of the mysql user in the official image; its entrypoint runs unprivileged as that user. */
    private static final long MYSQL_UID = 999;

    private static final String INIT_SCRIPT = "10-orderplatform-schemas.sh";
    private static final String DATA_DIR = "/var/lib/mysql";
    /**
     * The data directory is a directory of the volume, not its root: an ext4 volume's root holds lost+found,
     * and the server refuses to initialise a data directory that is not empty.
     */
    private static final String DATA_SUB_PATH = "mysql";
    /** The image's own check: TCP connections are accepted (not during initialisation) and InnoDB is up. */
    private static final List<String> HEALTHCHECK = List.of("healthcheck.sh", "--connect", "--innodb_initialized");

    private MysqlResources() {}

    public static String name(PlatformSettings platform) {
        return platform.resourceName(COMPONENT);
    }

    public static String initConfigMapName(PlatformSettings platform) {
        return platform.resourceName("mysql-init");
    }

    /**
     * Run by the image's entrypoint once, on an empty data directory. Passwords come from the
     * environment, so the script itself holds no secret.
     */
    public static String initScript() {
        var sql = new StringBuilder();
        for (AppService service : AppService.values()) {
            String user = service.id();
            sql.append("CREATE DATABASE IF NOT EXISTS `")
                    .append(service.schema())
                    .append("`;\n")
                    .append("CREATE USER IF NOT EXISTS '")
                    .append(user)
                    .append("'@'%' IDENTIFIED BY '${")
                    .append(passwordVariable(service))
                    .append("}';\n")
                    .append("GRANT ALL PRIVILEGES ON `")
                    .append(service.schema())
                    .append("`.* TO '")
                    .append(user)
                    .append("'@'%';\n");
        }
        return """
        # One schema per service and one user per service with rights on its own schema only.
        mariadb --protocol=socket -uroot -p"${MARIADB_ROOT_PASSWORD}" <<SQL
        %sSQL
        """.formatted(sql.toString().replace("`", "\\`"));
    }

    public static ConfigMap initConfigMap(PlatformSettings platform) {
        return new ConfigMapBuilder()
                .withMetadata(Labels.metadata(platform, COMPONENT, initConfigMapName(platform)))
                .withData(Map.of(INIT_SCRIPT, initScript()))
                .build();
    }

    public static Service service(PlatformSettings platform) {
        return StatefulSets.headlessService(
                platform, COMPONENT, name(platform), Map.of("mysql", PlatformContract.MYSQL_PORT));
    }

    public static StatefulSet statefulSet(PlatformSettings platform) {
        var mysql = platform.managedMysql();
        String credentials = platform.databaseCredentialsSecret();
        var env = new ArrayList<EnvVar>();
        env.add(PodDefaults.secretEnv("MARIADB_ROOT_PASSWORD", credentials, GeneratedSecrets.ROOT_PASSWORD_KEY));
        for (AppService service : AppService.values()) {
            env.add(PodDefaults.secretEnv(passwordVariable(service), credentials, service.passwordKey()));
        }
        return new StatefulSetBuilder()
                .withMetadata(Labels.metadata(platform, COMPONENT, name(platform)))
                .withSpec(StatefulSets.spec(
                        platform, COMPONENT, name(platform), 1, mysql.storageSize(), mysql.storageClassName()))
                .editSpec()
                .editTemplate()
                .editSpec()
                .withSecurityContext(PodDefaults.podSecurityContext(MYSQL_UID))
                .addNewContainer()
                .withName(COMPONENT)
                .withImage(mysql.image())
                // The image's entrypoint passes arguments that start with "--" to the server.
                .withArgs(PlatformContract.MYSQL_SERVER_OPTIONS)
                .withEnv(env)
                .addNewPort()
                .withName("mysql")
                .withContainerPort(PlatformContract.MYSQL_PORT)
                .endPort()
                .withResources(mysql.resources())
                .withSecurityContext(PodDefaults.containerSecurityContext())
                // The first start initialises the data directory and runs the init script before the server
                // listens on TCP: up to 10 minutes on a slow volume, then a strict liveness probe.
                .withStartupProbe(healthcheck(10, 60))
                .withReadinessProbe(healthcheck(5, 3))
                .withLivenessProbe(healthcheck(20, 3))
                .withVolumeMounts(
                        new VolumeMountBuilder()
                                .withName(StatefulSets.DATA_VOLUME)
                                .withMountPath(DATA_DIR)
                                .withSubPath(DATA_SUB_PATH)
                                .build(),
                        PodDefaults.mount("init", "/docker-entrypoint-initdb.d"),
                        PodDefaults.mount("run", "/run/mysqld"),
                        PodDefaults.tmpMount())
                .endContainer()
                .addNewVolume()
                .withName("init")
                .withNewConfigMap()
                .withName(initConfigMapName(platform))
                .endConfigMap()
                .endVolume()
                .addToVolumes(PodDefaults.emptyDir("run"), PodDefaults.tmpVolume())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static String passwordVariable(AppService service) {
        return service.name() + "_PASSWORD";
    }

    private static Probe healthcheck(int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withExec(new ExecActionBuilder().withCommand(HEALTHCHECK).build())
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .withTimeoutSeconds(5)
                .build();
    }
}
