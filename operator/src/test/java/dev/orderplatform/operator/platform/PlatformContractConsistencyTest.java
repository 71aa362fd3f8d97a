package dev.orderplatform.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.orderplatform.contracts.TimerLimits;
import dev.orderplatform.contracts.Topics;
import dev.orderplatform.infra.mariadb.EmbeddedMariaDb;
import dev.orderplatform.infra.rocketmq.RocketMqSettings;
import dev.orderplatform.infra.rocketmq.TopicMessageType;
import dev.orderplatform.operator.mysql.MysqlResources;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PlatformContract} is the operator's copy of what the services expect (ports, schemas, environment variable
 * names, topics). This test reads the services' own configuration from the repository (their application.yaml, the
 * property names in their sources) and the shared contracts ({@link Topics}, {@link TimerLimits}), so that neither
 * side can change alone.
 */
class PlatformContractConsistencyTest {

    static final Path REPOSITORY = repositoryRoot();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z0-9_.-]+)");
    private static final Pattern PROPERTY_LITERAL = Pattern.compile("\"((?:orderplatform|spring)\\.[a-z0-9.-]+)\"");
    private static final Pattern CONFIGURATION_PROPERTIES = Pattern.compile(
            "@ConfigurationProperties\\(\"([a-z0-9.-]+)\"\\)\\s*(?:public\\s+)?record\\s+\\w+\\s*\\(([^{]*)\\)\\s*(?:implements[^{]*)?\\{",
            Pattern.DOTALL);
    private static final Pattern RECORD_COMPONENT = Pattern.compile("(\\w+)\\s*(?:,|$)");

    @ParameterizedTest
    @EnumSource(AppService.class)
    void portsAndSchemaAreTheServicesOwn(AppService service) {
        Map<String, String> config = applicationConfig(service);

        assertThat(config.get("server.port"))
                .as("server.port of %s", service.id())
                .isEqualTo(String.valueOf(service.httpPort()));
        assertThat(config.getOrDefault("spring.grpc.server.port", "0"))
                .as("spring.grpc.server.port of %s", service.id())
                .isEqualTo(String.valueOf(service.grpcPort()));
        String url = resolveDefault(config.get("spring.datasource.url"));
        assertThat(url).as("spring.datasource.url of %s", service.id()).isNotNull();
        assertThat(url.substring(url.lastIndexOf('/') + 1).replaceAll("[?;].*", ""))
                .as("schema in spring.datasource.url of %s", service.id())
                .isEqualTo(service.schema());
        assertThat(config.get("spring.application.name")).isEqualTo(service.id());
    }

    @ParameterizedTest
    @EnumSource(AppService.class)
    void probeAndMetricsPathsAreServed(AppService service) {
        Map<String, String> config = applicationConfig(service);

        assertThat(config.get("management.endpoint.health.probes.enabled"))
                .as("probes of %s", service.id())
                .isEqualTo("true");
        assertThat(Arrays.stream(config.getOrDefault("management.endpoints.web.exposure.include", "")
                                .split(","))
                        .map(String::trim))
                .as("exposed actuator endpoints of %s", service.id())
                .contains("health", "prometheus");
        assertThat(PlatformContract.LIVENESS_PATH).isEqualTo("/actuator/health/liveness");
        assertThat(PlatformContract.READINESS_PATH).isEqualTo("/actuator/health/readiness");
        assertThat(PlatformContract.PROMETHEUS_PATH).isEqualTo("/actuator/prometheus");
    }

    @Test
    void everyEnvironmentVariableNamesAPropertyTheServicesRead() throws IllegalAccessException {
        Set<String> properties = servicesProperties();
        Map<String, String> environment = new TreeMap<>();
        for (String property : properties) {
            environment.putIfAbsent(environmentName(property), property);
        }
        for (Field field : PlatformContract.class.getFields()) {
            if (field.getName().startsWith("ENV_") && Modifier.isStatic(field.getModifiers())) {
                String variable = (String) field.get(null);
                assertThat(environment)
                        .as(
                                "%s = %s must bind a property of the services (known: %s)",
                                field.getName(), variable, properties)
                        .containsKey(variable);
            }
        }
    }

    @Test
    void topicsAndTimerLimitsAreTheContractsOwn() {
        assertThat(PlatformContract.TOPICS)
                .extracting(PlatformContract.Topic::name)
                .containsExactlyInAnyOrder(Topics.ORDER_REBACK, Topics.ORDER_TIMEOUT);
        assertThat(PlatformContract.ORDER_REBACK.name()).isEqualTo(Topics.ORDER_REBACK);
        assertThat(PlatformContract.ORDER_TIMEOUT.name()).isEqualTo(Topics.ORDER_TIMEOUT);
        // The message types the tests' broker creates the topics with (EmbeddedRocketMq.createPlatformTopics).
        assertThat(TopicMessageType.valueOf(PlatformContract.ORDER_REBACK.messageType()))
                .isEqualTo(TopicMessageType.TRANSACTION);
        assertThat(TopicMessageType.valueOf(PlatformContract.ORDER_TIMEOUT.messageType()))
                .isEqualTo(TopicMessageType.DELAY);

        assertThat(PlatformContract.BROKER_DEFAULT_TIMER_MAX_DELAY)
                .isEqualTo(TimerLimits.BROKER_DEFAULT_TIMER_MAX_DELAY);
        assertThat(PlatformContract.TIMER_MAX_DELAY_MARGIN).isEqualTo(TimerLimits.MARGIN);
        assertThat(PlatformContract.ENV_TIMER_MAX_DELAY)
                .isEqualTo(environmentName(TimerLimits.TIMER_MAX_DELAY_PROPERTY));
    }

    @Test
    void brokerFlushesItsTimerWheelAsTheTestedBrokersDo() {
        // Ship what is tested: the embedded brokers of the tests, the local platform and the benchmark.
        assertThat(PlatformContract.BROKER_TIMER_FLUSH_INTERVAL_MS)
                .isEqualTo(RocketMqSettings.TIMER_FLUSH_INTERVAL_MS)
                .isEqualTo(RocketMqSettings.productionLike().timerFlushIntervalMs())
                .isEqualTo(RocketMqSettings.fastForTests().timerFlushIntervalMs());
    }

    @Test
    void managedDatabaseRunsWithTheTestedServerOptions() {
        // Ship what is tested: the database of the tests, the local platform and the benchmark.
        assertThat(PlatformContract.MYSQL_SERVER_OPTIONS).isEqualTo(EmbeddedMariaDb.SERVER_OPTIONS);
        assertThat(MysqlResources.statefulSet(TestPlatforms.settings(""))
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getArgs())
                .isEqualTo(EmbeddedMariaDb.SERVER_OPTIONS);
    }

    /** How Spring Boot's relaxed binding names a property in the environment (dashes become underscores too). */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every property the services read: their YAML keys and placeholders, and property names in their sources. */
    static Set<String> servicesProperties() {
        Set<String> properties = new TreeSet<>();
        for (AppService service : AppService.values()) {
            properties.addAll(applicationConfig(service).keySet());
            Path yaml = applicationYaml(service);
            collect(PLACEHOLDER, read(yaml), properties);
        }
        // web-support (JWT), contracts (TimerLimits) and the services: @ConfigurationProperties records, @Value
        // placeholders and property names spelled as constants.
        for (String module : new String[] {"goods", "inventory", "order", "web-support", "contracts"}) {
            try (Stream<Path> sources =
                    Files.walk(REPOSITORY.resolve("services").resolve(module).resolve("src/main/java"))) {
                sources.filter(path -> path.toString().endsWith(".java"))
                        .map(PlatformContractConsistencyTest::read)
                        .forEach(source -> {
                            collect(PLACEHOLDER, source, properties);
                            collect(PROPERTY_LITERAL, source, properties);
                            Matcher record = CONFIGURATION_PROPERTIES.matcher(source);
                            while (record.find()) {
                                String components = record.group(2).replaceAll("@\\w+(\\([^)]*\\))?", " ");
                                Matcher component = RECORD_COMPONENT.matcher(components.trim());
                                while (component.find()) {
                                    properties.add(record.group(1) + "." + kebab(component.group(1)));
                                }
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    /** The service's application.yaml (or .yml), flattened to dotted keys; lists joined with commas. */
    static Map<String, String> applicationConfig(AppService service) {
        try {
            Map<String, String> flat = new TreeMap<>();
            flatten("", new YAMLMapper().readTree(applicationYaml(service).toFile()), flat);
            return flat;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path applicationYaml(AppService service) {
        Path resources = REPOSITORY.resolve("services").resolve(service.id()).resolve("src/main/resources");
        Path yaml = resources.resolve("application.yaml");
        return Files.exists(yaml) ? yaml : resources.resolve("application.yml");
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.properties()
                    .forEach(entry -> flatten(
                            prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), entry.getValue(), into));
        } else if (node.isArray()) {
            var values = new StringBuilder();
            node.forEach(value -> values.append(values.isEmpty() ? "" : ",").append(value.asText()));
            into.put(prefix, values.toString());
        } else {
            into.put(prefix, node.asText());
        }
    }

    /** {@code ${NAME:default}} to its default; anything else as it is. */
    private static String resolveDefault(String value) {
        if (value != null && value.startsWith("${") && value.endsWith("}") && value.contains(":")) {
            return value.substring(value.indexOf(':') + 1, value.length() - 1);
        }
        return value;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        String configured = System.getProperty("orderplatform.repository.root");
        Path root =
                Path.of(configured != null ? configured : "..").toAbsolutePath().normalize();
        assertThat(root.resolve("services/contracts"))
                .as("repository root %s", root)
                .isDirectory();
        return root;
    }
}
