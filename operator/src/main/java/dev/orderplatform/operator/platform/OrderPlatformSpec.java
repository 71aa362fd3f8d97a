package dev.orderplatform.operator.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;

/**
 * What the user asks for. Every field is optional: an empty spec is a complete platform with
 * managed MySQL and RocketMQ. Defaults live in {@link PlatformDefaults} and are applied by
 * {@link PlatformSettings}, because the schema's defaults do not reach into absent objects.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderPlatformSpec(
        @JsonPropertyDescription("Where the service images come from.")
        ImagesSpec images,

        @JsonPropertyDescription("Replicas and resources of the goods, inventory and order services.")
        ServicesSpec services,

        @JsonPropertyDescription(
                "How long an unpaid order waits before it is closed and its stock returned: "
                        + "ISO-8601 (PT30M) or a number with a unit (30m, 2h), 10s to 7d. Default 30m. A managed broker's "
                        + "timerMaxDelaySec is raised to fit it; with an external broker at most 3d (RocketMQ's default limit).")
        @Pattern(PlatformDefaults.DURATION_PATTERN)
        String orderTimeout,

        @JsonPropertyDescription(
                "The database: managed (a MySQL StatefulSet) or external. Managed when neither is set.")
        MysqlSpec mysql,

        @JsonPropertyDescription("The message broker: managed (name server and broker StatefulSets) or external. "
                + "Managed when neither is set.")
        RocketmqSpec rocketmq,

        @JsonPropertyDescription("What happens to the MySQL and broker volumes, and the MySQL credentials Secret, "
                + "when the OrderPlatform is deleted: Retain keeps them (an OrderPlatform created again with the same "
                + "name finds its data), Delete removes them. Default Retain.")
        DataRetention dataRetention,

        @JsonPropertyDescription(
                "Metrics, alerts, traces and logs of the services: PodMonitor and PrometheusRule for the "
                        + "Prometheus Operator, trace export and JSON logs.")
        MonitoringSpec monitoring) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImagesSpec(
            @JsonPropertyDescription("Registry and path of the service images, e.g. ghcr.io/orderplatform; "
                    + "images are <registry>/goods:<tag>, <registry>/inventory:<tag>, <registry>/order:<tag>, and "
                    + "<registry>/rocketmq:<tag> for a managed RocketMQ of the OrderPlatform distribution. "
                    + "Default: the operator's own registry.")
            @Pattern(PlatformDefaults.REGISTRY_PATTERN)
            String registry,

            @JsonPropertyDescription("Tag of the service images (and of the OrderPlatform RocketMQ image). "
                    + "Default: the operator's own version.")
            @Pattern(PlatformDefaults.TAG_PATTERN)
            String tag,

            @JsonPropertyDescription("Image pull policy of the service pods. Default IfNotPresent.")
            PullPolicy pullPolicy) {}

    public enum PullPolicy {
        Always,
        IfNotPresent,
        Never
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServicesSpec(ServiceSpec goods, ServiceSpec inventory, ServiceSpec order) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceSpec(
            @JsonPropertyDescription("Number of pods, 0 to 20. Default 1.") @Min(0) @Max(20)
            Integer replicas,

            @JsonPropertyDescription("Requests and limits of the service container. Default: 250m CPU and 512Mi "
                    + "requested, 1Gi memory limit.")
            ResourceRequirements resources) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(
            value = "!(has(self.managed) && has(self.external))",
            message = "set either mysql.managed or mysql.external, not both")
    public record MysqlSpec(ManagedMysqlSpec managed, ExternalMysqlSpec external) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ManagedMysqlSpec(
            @JsonPropertyDescription("Database image: the official MariaDB image or one that works like it "
                    + "(MARIADB_* environment, healthcheck.sh, /docker-entrypoint-initdb.d, uid 999). Default "
                    + PlatformDefaults.MARIADB_REPOSITORY
                    + ":<the MariaDB version this operator release is tested with>.")
            @Pattern(PlatformDefaults.IMAGE_PATTERN)
            String image,

            @JsonPropertyDescription("Size of the data volume. Default " + PlatformDefaults.MYSQL_STORAGE + ". "
                    + "Used when the volume is created; resize an existing one through its PersistentVolumeClaim.")
            @Pattern(PlatformDefaults.QUANTITY_PATTERN)
            String storageSize,

            @JsonPropertyDescription("Storage class of the data volume. Default: the cluster's default class.")
            String storageClassName,

            @JsonPropertyDescription("Requests and limits of the MySQL container.")
            ResourceRequirements resources) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(
            value = "!has(self.jdbcUrl) || !self.jdbcUrl.startsWith('jdbc:mysql:') || self.jdbcUrl.matches('"
                    + PlatformDefaults.MYSQL_AUTH_OPTION_PATTERN + "')",
            message = "a jdbc:mysql:// URL needs allowPublicKeyRetrieval=true or sslMode=trust|verify-ca|verify-full")
    public record ExternalMysqlSpec(
            @JsonPropertyDescription("JDBC URL of the server without a schema, with connection options if needed, e.g. "
                    + "jdbc:mariadb://db.example.com:3306 or jdbc:mysql://db.example.com:3306?sslMode=verify-full. "
                    + "The services append their schema (goods, inventory, orders) and connect with MariaDB Connector/J, "
                    + "also to MySQL 8.x given as jdbc:mysql://: its users authenticate with caching_sha2_password, so such "
                    + "a URL must have allowPublicKeyRetrieval=true (password sent encrypted with the server's RSA key) or "
                    + "sslMode=trust, verify-ca or verify-full (TLS).")
            @Required
            @Pattern(PlatformDefaults.JDBC_URL_PATTERN)
            String jdbcUrl,

            @JsonPropertyDescription("Secret in this namespace with keys goods-username, goods-password, "
                    + "inventory-username, inventory-password, order-username, order-password.")
            @Required
            SecretReference credentialsSecret) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecretReference(
            @Required @Pattern(PlatformDefaults.NAME_PATTERN)
            String name) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(
            value = "!(has(self.managed) && has(self.external))",
            message = "set either rocketmq.managed or rocketmq.external, not both")
    public record RocketmqSpec(ManagedRocketmqSpec managed, ExternalRocketmqSpec external) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ManagedRocketmqSpec(
            @JsonPropertyDescription("RocketMQ image for the name server and the broker, of the distribution set in "
                    + "distribution. Default: OrderPlatform's <images.registry>/" + PlatformDefaults.ROCKETMQ_IMAGE_NAME
                    + ":<images.tag>; for the Apache distribution " + PlatformDefaults.APACHE_ROCKETMQ_IMAGE + ".")
            @Pattern(PlatformDefaults.IMAGE_PATTERN)
            String image,

            @JsonPropertyDescription("What the image holds, which decides how its containers are started. "
                    + "OrderPlatform: the project's broker image (the RocketMQ version the platform is tested with, plus its "
                    + "fix of the transactional-op thread that otherwise keeps a core busy), started by its own entrypoint. "
                    + "Apache: the official apache/rocketmq image, started with its mqnamesrv and mqbroker scripts. "
                    + "Default OrderPlatform.")
            RocketmqDistribution distribution,

            @JsonPropertyDescription("Name server pods, 1 to 3. Default 1.") @Min(1) @Max(3)
            Integer nameServerReplicas,

            @JsonPropertyDescription(
                    "Size of the broker's store volume. Default " + PlatformDefaults.BROKER_STORAGE + ". "
                            + "Used when the volume is created; resize an existing one through its PersistentVolumeClaim.")
            @Pattern(PlatformDefaults.QUANTITY_PATTERN)
            String brokerStorageSize,

            @JsonPropertyDescription("Storage class of the broker's volume. Default: the cluster's default class.")
            String storageClassName,

            @JsonPropertyDescription("How often the broker checks back on half messages whose producer did not commit, "
                    + "in milliseconds, 1000 to 600000. Default 30000.")
            @Min(1000)
            @Max(600000)
            Integer transactionCheckIntervalMillis,

            @JsonPropertyDescription("Age of a half message before its first check-back, in milliseconds, "
                    + "1000 to 600000. Default 10000.")
            @Min(1000)
            @Max(600000)
            Integer transactionTimeoutMillis,

            @JsonPropertyDescription("Requests and limits of the broker container.")
            ResourceRequirements brokerResources) {}

    public enum RocketmqDistribution {
        OrderPlatform,
        Apache
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExternalRocketmqSpec(
            @JsonPropertyDescription("Name server address(es), host:port separated by ';', "
                    + "e.g. rocketmq-namesrv.mq.svc:9876. Its brokers need timerWheelEnable=true.")
            @Required
            @Pattern(PlatformDefaults.NAME_SERVER_ADDRESS_PATTERN)
            String nameServerAddress) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MonitoringSpec(
            @JsonPropertyDescription("Create a PodMonitor that scrapes the services' /actuator/prometheus and a "
                    + "PrometheusRule with the platform's alerts (monitoring.coreos.com/v1, the Prometheus Operator's "
                    + "resources). Without the Prometheus Operator's CRDs nothing is created and the MonitoringReady "
                    + "condition says so. Default false.")
            Boolean enabled,

            @JsonPropertyDescription("Labels added to the PodMonitor and the PrometheusRule, so that a Prometheus' "
                    + "podMonitorSelector and ruleSelector find them, e.g. release: prometheus.")
            Map<String, String> labels,

            @JsonPropertyDescription("Export of the services' traces over OTLP (whether or not enabled is set).")
            TracingSpec tracing,

            @JsonPropertyDescription("The services log structured JSON lines (Elastic Common Schema) instead of text "
                    + "(whether or not enabled is set). Default false.")
            Boolean jsonLogs) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TracingSpec(
            @JsonPropertyDescription("OTLP/HTTP endpoint the services send their spans to, e.g. "
                    + "http://otel-collector.observability:4318/v1/traces. Unset: no spans are exported.")
            @Pattern(PlatformDefaults.HTTP_URL_PATTERN)
            String otlpEndpoint,

            @JsonPropertyDescription("Share of the traces that are sampled, 0 to 1. Default: the services' own.")
            @Min(0)
            @Max(1)
            Double samplingProbability) {}

    /** Retain keeps the volumes (PVCs) and the MySQL credentials after the OrderPlatform is deleted. */
    public enum DataRetention {
        Retain,
        Delete
    }
}
