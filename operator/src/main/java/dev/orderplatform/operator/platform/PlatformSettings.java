package dev.orderplatform.operator.platform;

import dev.orderplatform.operator.platform.OrderPlatformSpec.DataRetention;
import dev.orderplatform.operator.platform.OrderPlatformSpec.ExternalMysqlSpec;
import dev.orderplatform.operator.platform.OrderPlatformSpec.ExternalRocketmqSpec;
import dev.orderplatform.operator.platform.OrderPlatformSpec.ManagedMysqlSpec;
import dev.orderplatform.operator.platform.OrderPlatformSpec.ManagedRocketmqSpec;
import dev.orderplatform.operator.platform.OrderPlatformSpec.MonitoringSpec;
import dev.orderplatform.operator.platform.OrderPlatformSpec.MysqlSpec;
import dev.orderplatform.operator.platform.OrderPlatformSpec.PullPolicy;
import dev.orderplatform.operator.platform.OrderPlatformSpec.RocketmqDistribution;
import dev.orderplatform.operator.platform.OrderPlatformSpec.RocketmqSpec;
import dev.orderplatform.operator.platform.OrderPlatformSpec.ServiceSpec;
import dev.orderplatform.operator.platform.OrderPlatformSpec.ServicesSpec;
import dev.orderplatform.operator.platform.OrderPlatformSpec.TracingSpec;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The spec with defaults applied and checked: the single input of every desired-state builder.
 * The API server enforces the same rules through the CRD schema; they are checked again here because
 * a schema can be older than the operator, and so that a wrong spec ends in a Degraded condition
 * rather than in half-built objects.
 */
public record PlatformSettings(
        String name,
        String namespace,
        String imageRegistry,
        String imageTag,
        PullPolicy pullPolicy,
        Map<AppService, AppServiceSettings> services,
        String orderTimeout,
        ManagedMysql managedMysql,
        ExternalMysql externalMysql,
        ManagedRocketmq managedRocketmq,
        String externalNameServerAddress,
        DataRetention dataRetention,
        String operatorNamespace,
        Monitoring monitoring) {

    public record AppServiceSettings(int replicas, ResourceRequirements resources) {}

    public record ManagedMysql(
            String image, String storageSize, String storageClassName, ResourceRequirements resources) {}

    public record ExternalMysql(String jdbcUrl, String credentialsSecret) {}

    public record ManagedRocketmq(
            String image,
            RocketmqDistribution distribution,
            int nameServerReplicas,
            String brokerStorageSize,
            String storageClassName,
            int transactionCheckIntervalMillis,
            int transactionTimeoutMillis,
            ResourceRequirements brokerResources) {}

    /**
     * What spec.monitoring asks for.
     *
     * @param enabled whether to create the PodMonitor and the PrometheusRule
     * @param labels added to those two objects
     * @param otlpEndpoint where the services export their spans, null for no export
     * @param samplingProbability share of traces sampled, null for the services' default
     * @param jsonLogs whether the services log structured JSON rather than text
     */
    public record Monitoring(
            boolean enabled,
            Map<String, String> labels,
            String otlpEndpoint,
            Double samplingProbability,
            boolean jsonLogs) {

        public static final Monitoring OFF = new Monitoring(false, Map.of(), null, null, false);
    }

    private static final Duration MIN_ORDER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_ORDER_TIMEOUT = Duration.ofDays(7);

    public static PlatformSettings of(OrderPlatform platform) {
        return of(platform, OperatorBuild.current(), OperatorNamespace.current());
    }

    /** @param operatorNamespace where the operator runs, or null outside a cluster */
    public static PlatformSettings of(OrderPlatform platform, OperatorBuild build, String operatorNamespace) {
        var spec = Objects.requireNonNullElseGet(
                platform.getSpec(), () -> new OrderPlatformSpec(null, null, null, null, null, null, null));
        var problems = new ArrayList<String>();
        checkName(problems, platform.getMetadata().getName());
        var images =
                Objects.requireNonNullElseGet(spec.images(), () -> new OrderPlatformSpec.ImagesSpec(null, null, null));

        String registry = checked(
                problems,
                "images.registry",
                images.registry(),
                build.imageRegistry(),
                PlatformDefaults.REGISTRY_PATTERN);
        String tag = checked(problems, "images.tag", images.tag(), build.version(), PlatformDefaults.TAG_PATTERN);
        String orderTimeout = checked(
                problems,
                "orderTimeout",
                spec.orderTimeout(),
                PlatformDefaults.ORDER_TIMEOUT,
                PlatformDefaults.DURATION_PATTERN);
        checkOrderTimeoutRange(problems, orderTimeout);

        var servicesSpec = Objects.requireNonNullElseGet(spec.services(), () -> new ServicesSpec(null, null, null));
        var services = new EnumMap<AppService, AppServiceSettings>(AppService.class);
        services.put(AppService.GOODS, service(problems, "goods", servicesSpec.goods()));
        services.put(AppService.INVENTORY, service(problems, "inventory", servicesSpec.inventory()));
        services.put(AppService.ORDER, service(problems, "order", servicesSpec.order()));

        var mysql = Objects.requireNonNullElseGet(spec.mysql(), () -> new MysqlSpec(null, null));
        if (mysql.managed() != null && mysql.external() != null) {
            problems.add("set either mysql.managed or mysql.external, not both");
        }
        ExternalMysql externalMysql = mysql.external() == null ? null : externalMysql(problems, mysql.external());
        ManagedMysql managedMysql = externalMysql != null
                ? null
                : managedMysql(
                        problems,
                        build,
                        Objects.requireNonNullElseGet(
                                mysql.managed(), () -> new ManagedMysqlSpec(null, null, null, null)));

        var rocketmq = Objects.requireNonNullElseGet(spec.rocketmq(), () -> new RocketmqSpec(null, null));
        if (rocketmq.managed() != null && rocketmq.external() != null) {
            problems.add("set either rocketmq.managed or rocketmq.external, not both");
        }
        String externalNameServer =
                rocketmq.external() == null ? null : externalNameServer(problems, rocketmq.external());
        if (externalNameServer != null) {
            checkExternalTimerLimit(problems, orderTimeout);
        }
        ManagedRocketmq managedRocketmq = rocketmq.external() != null
                ? null
                : managedRocketmq(
                        problems,
                        Objects.requireNonNullElseGet(
                                rocketmq.managed(),
                                () -> new ManagedRocketmqSpec(null, null, null, null, null, null, null, null)),
                        image(registry, PlatformDefaults.ROCKETMQ_IMAGE_NAME, tag));

        var monitoring = monitoring(problems, spec.monitoring());

        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return new PlatformSettings(
                platform.getMetadata().getName(),
                platform.getMetadata().getNamespace(),
                registry,
                tag,
                Objects.requireNonNullElse(images.pullPolicy(), PullPolicy.IfNotPresent),
                Map.copyOf(services),
                orderTimeout,
                managedMysql,
                externalMysql,
                managedRocketmq,
                externalNameServer,
                Objects.requireNonNullElse(spec.dataRetention(), DataRetention.Retain),
                operatorNamespace,
                monitoring);
    }

    public boolean mysqlManaged() {
        return managedMysql != null;
    }

    public boolean rocketmqManaged() {
        return managedRocketmq != null;
    }

    /** Name of an object of this platform: {@code <platform>-<suffix>}. */
    public String resourceName(String suffix) {
        return name + "-" + suffix;
    }

    public String imageOf(AppService service) {
        return image(imageRegistry, service.id(), imageTag);
    }

    private static String image(String registry, String name, String tag) {
        return registry + "/" + name + ":" + tag;
    }

    /**
     * The service's JDBC URL for MariaDB Connector/J, the services' only driver: a jdbc:mysql:// URL is
     * given as jdbc:mariadb:// (the driver refuses the mysql scheme), the schema goes before the options.
     */
    public String datasourceUrl(AppService service) {
        if (mysqlManaged()) {
            return "jdbc:mariadb://" + resourceName("mysql") + ":" + PlatformContract.MYSQL_PORT + "/"
                    + service.schema();
        }
        String server = externalMysql.jdbcUrl().replaceFirst("^jdbc:mysql:", "jdbc:mariadb:");
        int options = server.indexOf('?');
        return options < 0
                ? server + "/" + service.schema()
                : server.substring(0, options) + "/" + service.schema() + server.substring(options);
    }

    /** The Secret with each service's database user: generated for managed MySQL, the user's otherwise. */
    public String databaseCredentialsSecret() {
        return mysqlManaged() ? generatedMysqlCredentialsSecret() : externalMysql.credentialsSecret();
    }

    /** The Secret the operator generates for managed MySQL, which may outlive the managed MySQL. */
    public String generatedMysqlCredentialsSecret() {
        return resourceName("mysql-credentials");
    }

    public String nameServerAddress() {
        if (!rocketmqManaged()) {
            return externalNameServerAddress;
        }
        // Every name server pod by its stable DNS name: name servers do not share state, brokers and clients talk to
        // all.
        // Qualified with the namespace because the operator, in its own namespace, creates the topics through them.
        String nameServer = resourceName("nameserver");
        return IntStream.range(0, managedRocketmq.nameServerReplicas())
                .mapToObj(i -> nameServer + "-" + i + "." + nameServer + "." + namespace + ".svc:"
                        + PlatformContract.NAME_SERVER_PORT)
                .collect(Collectors.joining(";"));
    }

    /**
     * The broker's longest timer delay (timerMaxDelaySec), and what the order service is told it is: RocketMQ's
     * default, or the order timeout and a margin when longer. An external broker is taken to have the default.
     */
    public Duration timerMaxDelay() {
        if (!rocketmqManaged()) {
            return PlatformContract.BROKER_DEFAULT_TIMER_MAX_DELAY;
        }
        var timeout = parseDuration(orderTimeout);
        var needed = Duration.ofSeconds(
                timeout.plus(PlatformContract.TIMER_MAX_DELAY_MARGIN).toSeconds());
        return needed.compareTo(PlatformContract.BROKER_DEFAULT_TIMER_MAX_DELAY) > 0
                ? needed
                : PlatformContract.BROKER_DEFAULT_TIMER_MAX_DELAY;
    }

    public String grpcAddress(AppService service) {
        return resourceName(service.id()) + ":" + service.grpcPort();
    }

    public String orderEndpoint() {
        return "http://" + resourceName(AppService.ORDER.id()) + "." + namespace + ".svc:"
                + AppService.ORDER.httpPort();
    }

    private static String checked(
            List<String> problems, String field, String value, String defaultValue, String pattern) {
        if (value == null) {
            return defaultValue;
        }
        if (!Pattern.matches(pattern, value)) {
            problems.add(field + " '" + value + "' does not match " + pattern);
        }
        return value;
    }

    private static void checkName(List<String> problems, String name) {
        if (!Pattern.matches(PlatformDefaults.PLATFORM_NAME_PATTERN, name)) {
            problems.add("metadata.name '" + name + "' does not match " + PlatformDefaults.PLATFORM_NAME_PATTERN);
        }
        if (name.length() > PlatformDefaults.PLATFORM_NAME_MAX_LENGTH) {
            problems.add("metadata.name '" + name + "' is longer than " + PlatformDefaults.PLATFORM_NAME_MAX_LENGTH
                    + " characters");
        }
    }

    private static void checkOrderTimeoutRange(List<String> problems, String orderTimeout) {
        try {
            Duration timeout = parseDuration(orderTimeout);
            if (timeout.compareTo(MIN_ORDER_TIMEOUT) < 0 || timeout.compareTo(MAX_ORDER_TIMEOUT) > 0) {
                problems.add("orderTimeout " + orderTimeout + " is outside 10s..7d");
            }
        } catch (IllegalArgumentException e) {
            // already reported as a pattern mismatch
        }
    }

    private static void checkExternalTimerLimit(List<String> problems, String orderTimeout) {
        try {
            if (parseDuration(orderTimeout).compareTo(PlatformContract.BROKER_DEFAULT_TIMER_MAX_DELAY) > 0) {
                problems.add("orderTimeout " + orderTimeout + " is longer than 3d, the longest timer delay an external "
                        + "broker is taken to allow (RocketMQ's default timerMaxDelaySec)");
            }
        } catch (IllegalArgumentException e) {
            // already reported as a pattern mismatch
        }
    }

    /** Parses both forms the services accept: ISO-8601 and Spring's simple {@code 30m}. */
    static Duration parseDuration(String value) {
        var simple = Pattern.compile("^([0-9]+)(ms|s|m|h|d)$").matcher(value);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static AppServiceSettings service(List<String> problems, String name, ServiceSpec spec) {
        Integer replicas = spec == null ? null : spec.replicas();
        if (replicas != null && (replicas < 0 || replicas > 20)) {
            problems.add("services." + name + ".replicas " + replicas + " is outside 0..20");
        }
        var resources = spec == null || spec.resources() == null ? resources("250m", "512Mi", "1Gi") : spec.resources();
        return new AppServiceSettings(
                Objects.requireNonNullElse(replicas, PlatformDefaults.SERVICE_REPLICAS), resources);
    }

    private static ManagedMysql managedMysql(List<String> problems, OperatorBuild build, ManagedMysqlSpec spec) {
        return new ManagedMysql(
                checked(
                        problems,
                        "mysql.managed.image",
                        spec.image(),
                        PlatformDefaults.MARIADB_REPOSITORY + ":" + build.mariadbVersion(),
                        PlatformDefaults.IMAGE_PATTERN),
                checked(
                        problems,
                        "mysql.managed.storageSize",
                        spec.storageSize(),
                        PlatformDefaults.MYSQL_STORAGE,
                        PlatformDefaults.QUANTITY_PATTERN),
                spec.storageClassName(),
                Objects.requireNonNullElseGet(spec.resources(), () -> resources("250m", "1Gi", "2Gi")));
    }

    private static ExternalMysql externalMysql(List<String> problems, ExternalMysqlSpec spec) {
        if (spec.jdbcUrl() == null) {
            problems.add("mysql.external.jdbcUrl is required");
        }
        if (spec.credentialsSecret() == null || spec.credentialsSecret().name() == null) {
            problems.add("mysql.external.credentialsSecret.name is required");
        }
        String jdbcUrl =
                checked(problems, "mysql.external.jdbcUrl", spec.jdbcUrl(), null, PlatformDefaults.JDBC_URL_PATTERN);
        if (jdbcUrl != null
                && jdbcUrl.startsWith("jdbc:mysql:")
                && !Pattern.compile(PlatformDefaults.MYSQL_AUTH_OPTION_PATTERN)
                        .matcher(jdbcUrl)
                        .find()) {
            problems.add("mysql.external.jdbcUrl '" + jdbcUrl + "' is a MySQL URL without allowPublicKeyRetrieval=true "
                    + "or sslMode=trust|verify-ca|verify-full: MySQL 8 logins would fail after every server restart");
        }
        return new ExternalMysql(
                jdbcUrl,
                spec.credentialsSecret() == null
                        ? null
                        : checked(
                                problems,
                                "mysql.external.credentialsSecret.name",
                                spec.credentialsSecret().name(),
                                null,
                                PlatformDefaults.NAME_PATTERN));
    }

    private static ManagedRocketmq managedRocketmq(
            List<String> problems, ManagedRocketmqSpec spec, String projectImage) {
        var distribution = Objects.requireNonNullElse(spec.distribution(), RocketmqDistribution.OrderPlatform);
        String defaultImage = switch (distribution) {
            case OrderPlatform -> projectImage;
            case Apache -> PlatformDefaults.APACHE_ROCKETMQ_IMAGE;
        };
        return new ManagedRocketmq(
                checked(problems, "rocketmq.managed.image", spec.image(), defaultImage, PlatformDefaults.IMAGE_PATTERN),
                distribution,
                inRange(
                        problems,
                        "rocketmq.managed.nameServerReplicas",
                        spec.nameServerReplicas(),
                        PlatformDefaults.NAME_SERVER_REPLICAS,
                        1,
                        3),
                checked(
                        problems,
                        "rocketmq.managed.brokerStorageSize",
                        spec.brokerStorageSize(),
                        PlatformDefaults.BROKER_STORAGE,
                        PlatformDefaults.QUANTITY_PATTERN),
                spec.storageClassName(),
                inRange(
                        problems,
                        "rocketmq.managed.transactionCheckIntervalMillis",
                        spec.transactionCheckIntervalMillis(),
                        PlatformDefaults.TRANSACTION_CHECK_INTERVAL_MILLIS,
                        1000,
                        600_000),
                inRange(
                        problems,
                        "rocketmq.managed.transactionTimeoutMillis",
                        spec.transactionTimeoutMillis(),
                        PlatformDefaults.TRANSACTION_TIMEOUT_MILLIS,
                        1000,
                        600_000),
                Objects.requireNonNullElseGet(
                        spec.brokerResources(),
                        () -> resources("500m", PlatformDefaults.BROKER_MEMORY, PlatformDefaults.BROKER_MEMORY)));
    }

    private static String externalNameServer(List<String> problems, ExternalRocketmqSpec spec) {
        if (spec.nameServerAddress() == null) {
            problems.add("rocketmq.external.nameServerAddress is required");
            return null;
        }
        return checked(
                problems,
                "rocketmq.external.nameServerAddress",
                spec.nameServerAddress(),
                null,
                PlatformDefaults.NAME_SERVER_ADDRESS_PATTERN);
    }

    private static Monitoring monitoring(List<String> problems, MonitoringSpec spec) {
        if (spec == null) {
            return Monitoring.OFF;
        }
        var labels = Objects.requireNonNullElse(spec.labels(), Map.<String, String>of());
        labels.forEach((key, value) -> {
            String name = key.substring(key.indexOf('/') + 1);
            if (!Pattern.matches(PlatformDefaults.LABEL_KEY_PATTERN, key)
                    || name.length() > PlatformDefaults.LABEL_NAME_MAX_LENGTH) {
                problems.add("monitoring.labels: '" + key + "' is not a label key");
            }
            if (!Pattern.matches(PlatformDefaults.LABEL_VALUE_PATTERN, value)
                    || value.length() > PlatformDefaults.LABEL_NAME_MAX_LENGTH) {
                problems.add("monitoring.labels: '" + value + "' of " + key + " is not a label value");
            }
        });
        var tracing = Objects.requireNonNullElseGet(spec.tracing(), () -> new TracingSpec(null, null));
        Double probability = tracing.samplingProbability();
        if (probability != null && !(probability >= 0 && probability <= 1)) {
            problems.add("monitoring.tracing.samplingProbability " + probability + " is outside 0..1");
        }
        return new Monitoring(
                Boolean.TRUE.equals(spec.enabled()),
                Map.copyOf(labels),
                checked(
                        problems,
                        "monitoring.tracing.otlpEndpoint",
                        tracing.otlpEndpoint(),
                        null,
                        PlatformDefaults.HTTP_URL_PATTERN),
                probability,
                Boolean.TRUE.equals(spec.jsonLogs()));
    }

    private static int inRange(List<String> problems, String field, Integer value, int defaultValue, int min, int max) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            problems.add(field + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    private static ResourceRequirements resources(String cpuRequest, String memoryRequest, String memoryLimit) {
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(cpuRequest))
                .addToRequests("memory", new Quantity(memoryRequest))
                .addToLimits("memory", new Quantity(memoryLimit))
                .build();
    }
}
