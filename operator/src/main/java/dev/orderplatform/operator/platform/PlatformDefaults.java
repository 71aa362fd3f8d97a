package dev.orderplatform.operator.platform;

/** Defaults of the spec and the patterns its schema enforces, in one place for the CRD and the operator. */
public final class PlatformDefaults {

  public static final String MYSQL_IMAGE = "mysql:8.4";
  public static final String MYSQL_STORAGE = "10Gi";
  /** The project's broker image is {@code <images.registry>/rocketmq:<images.tag>}. */
  public static final String ROCKETMQ_IMAGE_NAME = "rocketmq";
  /** The official image of the RocketMQ version the project's broker image holds (root pom: rocketmq.version). */
  public static final String APACHE_ROCKETMQ_IMAGE = "apache/rocketmq:5.5.0";
  public static final String BROKER_STORAGE = "20Gi";
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
  public static final String JDBC_URL_PATTERN = "^jdbc:(mariadb|mysql)://[A-Za-z0-9.-]+(:[0-9]{1,5})?$";
  public static final String NAME_SERVER_ADDRESS_PATTERN =
      "^[A-Za-z0-9.-]+:[0-9]{1,5}(;[A-Za-z0-9.-]+:[0-9]{1,5})*$";
  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  private PlatformDefaults() {}
}
