package dev.orderplatform.operator.platform;

/** Defaults of the spec and the patterns its schema enforces, in one place for the CRD and the operator. */
public final class PlatformDefaults {

    /** The official MariaDB image; its tag is the MariaDB version of the build, see {@link OperatorBuild}. */
    public static final String MARIADB_REPOSITORY = "mariadb";

    public static final String MYSQL_STORAGE = "10Gi";
    /** The project's broker image is {@code <images.registry>/rocketmq:<images.tag>}. */
    public static final String ROCKETMQ_IMAGE_NAME = "rocketmq";
    /** The official image of the RocketMQ version the project's broker image holds (root pom: rocketmq.version). */
    public static final String APACHE_ROCKETMQ_IMAGE = "apache/rocketmq:5.5.0";

    public static final String BROKER_STORAGE = "20Gi";
    public static final String BROKER_MEMORY = "2Gi";
    public static final int NAME_SERVER_REPLICAS = 1;
    public static final int SERVICE_REPLICAS = 1;
    public static final int TRANSACTION_CHECK_INTERVAL_MILLIS = 30_000;
    public static final int TRANSACTION_TIMEOUT_MILLIS = 10_000;
    public static final String ORDER_TIMEOUT = "30m";

    /** Spring Boot's simple form (30m, 2h) or ISO-8601 (PT30M). */
    public static final String DURATION_PATTERN =
            "^([0-9]+(ms|s|m|h|d)|P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?)?)$";

    public static final String QUANTITY_PATTERN = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";
    public static final String REGISTRY_PATTERN =
            "^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$";
    public static final String TAG_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";
    public static final String IMAGE_PATTERN = "^[^\\s]+$";
    /** A server without a schema, optionally with connection options ({@code ?key=value&key=value}). */
    public static final String JDBC_URL_PATTERN = "^jdbc:(mariadb|mysql)://[A-Za-z0-9.-]+(:[0-9]{1,5})?"
            + "(\\?[A-Za-z]+=[A-Za-z0-9._-]+(&[A-Za-z]+=[A-Za-z0-9._-]+)*)?$";
    /**
     * A MySQL 8 user authenticates with caching_sha2_password, which sends the password over plain TCP only
     * with the server's public key: without one of these options every login after a server restart fails.
     */
    public static final String MYSQL_AUTH_OPTION_PATTERN =
            "[?&](allowPublicKeyRetrieval=true|sslMode=(trust|verify-ca|verify-full))(&|$)";

    public static final String NAME_SERVER_ADDRESS_PATTERN = "^[A-Za-z0-9.-]+:[0-9]{1,5}(;[A-Za-z0-9.-]+:[0-9]{1,5})*$";
    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** An http or https URL, e.g. an OTLP collector's. */
    public static final String HTTP_URL_PATTERN = "^https?://[^\\s/]+(/[^\\s]*)?$";
    /** A label key: an optional DNS subdomain prefix and a name of at most 63 characters (checked apart). */
    public static final String LABEL_KEY_PATTERN =
            "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";
    /** A label value, at most 63 characters (checked apart). */
    public static final String LABEL_VALUE_PATTERN = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";

    public static final int LABEL_NAME_MAX_LENGTH = 63;

    /** A DNS-1035 label: the platform's name prefixes Service names, which must start with a letter. */
    public static final String PLATFORM_NAME_PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
    /**
     * The longest platform name whose derived names all fit. The tightest limit is a StatefulSet's: its pods
     * carry the label {@code controller-revision-hash=<statefulset>-<hash of up to 10 digits>}, a label value
     * of at most 63 characters, so a StatefulSet name has at most 52; the longest StatefulSet suffix is
     * {@code -nameserver} (11), leaving 41. {@code PlatformNameTest} checks every derived name against it.
     */
    public static final int PLATFORM_NAME_MAX_LENGTH = 41;

    private PlatformDefaults() {}
}
