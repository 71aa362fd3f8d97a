package dev.orderplatform.operator.platform;

import java.time.Duration;
import java.util.List;

/**
 * The fixed contract between the operator and the services (docs/architecture.md, docs/operator.md):
 * images, ports, probe paths, configuration variables, schemas and topics. Nothing else in the operator
 * spells these out; PlatformContractConsistencyTest checks them against the services' own configuration.
 */
public final class PlatformContract {

    /** The three services, with the ports and database schema each one uses. */
    public enum AppService {
        GOODS("goods", 8081, 9091, "goods"),
        INVENTORY("inventory", 8082, 9092, "inventory"),
        ORDER("order", 8080, 0, "orders");

        private final String id;
        private final int httpPort;
        private final int grpcPort;
        private final String schema;

        AppService(String id, int httpPort, int grpcPort, String schema) {
            this.id = id;
            this.httpPort = httpPort;
            this.grpcPort = grpcPort;
            this.schema = schema;
        }

        /** Name of the image, the component label and the suffix of the service's objects. */
        public String id() {
            return id;
        }

        public int httpPort() {
            return httpPort;
        }

        /** The gRPC port the service serves, 0 if it serves none. */
        public int grpcPort() {
            return grpcPort;
        }

        public boolean servesGrpc() {
            return grpcPort != 0;
        }

        public String schema() {
            return schema;
        }

        /** Keys of the service's database user in a credentials Secret (generated or external). */
        public String usernameKey() {
            return id + "-username";
        }

        public String passwordKey() {
            return id + "-password";
        }
    }

    public static final String LIVENESS_PATH = "/actuator/health/liveness";
    public static final String READINESS_PATH = "/actuator/health/readiness";
    public static final String PROMETHEUS_PATH = "/actuator/prometheus";

    public static final String ENV_DATASOURCE_URL = "SPRING_DATASOURCE_URL";
    public static final String ENV_DATASOURCE_USERNAME = "SPRING_DATASOURCE_USERNAME";
    public static final String ENV_DATASOURCE_PASSWORD = "SPRING_DATASOURCE_PASSWORD";
    public static final String ENV_NAME_SERVER = "ORDERPLATFORM_ROCKETMQ_NAME_SERVER";
    public static final String ENV_JWT_SECRET = "ORDERPLATFORM_JWT_SECRET";
    public static final String ENV_ORDER_TIMEOUT = "ORDERPLATFORM_ORDER_TIMEOUT";
    public static final String ENV_GOODS_GRPC_ADDRESS = "ORDERPLATFORM_GOODS_GRPC_ADDRESS";
    public static final String ENV_INVENTORY_GRPC_ADDRESS = "ORDERPLATFORM_INVENTORY_GRPC_ADDRESS";
    /** The broker's longest timer delay as the order service is told it: it refuses to start with a longer timeout. */
    public static final String ENV_TIMER_MAX_DELAY = "ORDERPLATFORM_ROCKETMQ_TIMER_MAX_DELAY";

    /*
     * Spring Boot's own properties (not the services'), as environment variables: where spans go, how many are
     * sampled, and the console's structured log format (ecs: Elastic Common Schema JSON, one object per line).
     * Not ENV_ constants: PlatformContractConsistencyTest looks for those in the services' own configuration.
     */
    public static final String BOOT_TRACING_OTLP_ENDPOINT = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";
    public static final String BOOT_TRACING_SAMPLING_PROBABILITY = "MANAGEMENT_TRACING_SAMPLING_PROBABILITY";
    public static final String BOOT_CONSOLE_LOG_FORMAT = "LOGGING_STRUCTURED_FORMAT_CONSOLE";
    public static final String JSON_LOG_FORMAT = "ecs";

    /** RocketMQ's default timerMaxDelaySec: a broker refuses timer messages due later than this. */
    public static final Duration BROKER_DEFAULT_TIMER_MAX_DELAY = Duration.ofDays(3);
    /** Room above the order timeout in a broker's limit set for it (the services' TimerLimits.MARGIN). */
    public static final Duration TIMER_MAX_DELAY_MARGIN = Duration.ofHours(1);
    /**
     * How often the broker writes its timer wheel out ({@code timerFlushIntervalMs}): the value the tests' brokers run
     * with (infra-kit's RocketMqSettings.TIMER_FLUSH_INTERVAL_MS, which says why it is not RocketMQ's 1 s).
     */
    public static final int BROKER_TIMER_FLUSH_INTERVAL_MS = 10_000;
    /**
     * The managed database's server options: those the tests' and the local platform's MariaDB run with (infra-kit's
     * EmbeddedMariaDb.SERVER_OPTIONS), so that tables created without a character set, string comparisons and the
     * connection limit behave as tested, whatever the image's own configuration says.
     */
    public static final List<String> MYSQL_SERVER_OPTIONS = List.of(
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
            "--max-connections=1000",
            "--transaction-isolation=REPEATABLE-READ");

    public static final int MYSQL_PORT = 3306;
    public static final int NAME_SERVER_PORT = 9876;
    public static final int BROKER_PORT = 10911;

    /** A topic the services need, with the RocketMQ 5 message type it must be created with. */
    public record Topic(String name, String messageType) {}

    public static final Topic ORDER_REBACK = new Topic("order_reback", "TRANSACTION");
    public static final Topic ORDER_TIMEOUT = new Topic("order_timeout", "DELAY");
    public static final List<Topic> TOPICS = List.of(ORDER_REBACK, ORDER_TIMEOUT);

    private PlatformContract() {}
}
