package dev.orderplatform.operator.platform;

import static dev.orderplatform.operator.platform.TestPlatforms.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.operator.platform.OrderPlatformSpec.DataRetention;
import dev.orderplatform.operator.platform.OrderPlatformSpec.RocketmqDistribution;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

    @Test
    void emptySpecIsACompleteManagedPlatform() {
        var platform = settings("");

        assertThat(platform.mysqlManaged()).isTrue();
        assertThat(platform.rocketmqManaged()).isTrue();
        assertThat(platform.imageOf(AppService.GOODS)).isEqualTo("registry.test/op/goods:1.2.3");
        assertThat(platform.orderTimeout()).isEqualTo("30m");
        assertThat(platform.dataRetention()).isEqualTo(DataRetention.Retain);
        assertThat(platform.managedMysql().image()).isEqualTo("mariadb:11.4.99");
        assertThat(platform.managedRocketmq().image()).isEqualTo("registry.test/op/rocketmq:1.2.3");
        assertThat(platform.managedRocketmq().distribution()).isEqualTo(RocketmqDistribution.OrderPlatform);
        assertThat(platform.services().get(AppService.ORDER).replicas()).isEqualTo(1);
        assertThat(platform.datasourceUrl(AppService.ORDER)).isEqualTo("jdbc:mariadb://shop-mysql:3306/orders");
        assertThat(platform.nameServerAddress()).isEqualTo("shop-nameserver-0.shop-nameserver.test.svc:9876");
        assertThat(platform.orderEndpoint()).isEqualTo("http://shop-order.test.svc:8080");
    }

    @Test
    void projectBrokerImageFollowsTheServiceImagesRegistryAndTag() {
        var platform = settings("images: {registry: mirror.example/shop, tag: 2.0.0}");

        assertThat(platform.managedRocketmq().image()).isEqualTo("mirror.example/shop/rocketmq:2.0.0");
        assertThat(platform.imageOf(AppService.ORDER)).isEqualTo("mirror.example/shop/order:2.0.0");
    }

    @Test
    void officialBrokerImageIsTheRocketMqVersionTheTestsRun() throws IOException {
        String rootPom = Files.readString(TestPlatforms.REPOSITORY.resolve("pom.xml"));
        var testedVersion =
                Pattern.compile("<rocketmq.version>([^<]+)</rocketmq.version>").matcher(rootPom);
        assertThat(testedVersion.find()).as("rocketmq.version in the root pom").isTrue();

        assertThat(settings("rocketmq: {managed: {distribution: Apache}}")
                        .managedRocketmq()
                        .image())
                .isEqualTo("apache/rocketmq:" + testedVersion.group(1));
    }

    @Test
    void nameServerAddressListsEveryNameServerPod() {
        var platform = settings("rocketmq: {managed: {nameServerReplicas: 2}}");

        assertThat(platform.nameServerAddress())
                .isEqualTo(
                        "shop-nameserver-0.shop-nameserver.test.svc:9876;shop-nameserver-1.shop-nameserver.test.svc:9876");
    }

    @Test
    void externalInfrastructureIsUsedAsGiven() {
        var platform = settings("""
        mysql: {external: {jdbcUrl: "jdbc:mariadb://db.example.com:3306", credentialsSecret: {name: db}}}
        rocketmq: {external: {nameServerAddress: "ns1:9876;ns2:9876"}}
        """);

        assertThat(platform.mysqlManaged()).isFalse();
        assertThat(platform.rocketmqManaged()).isFalse();
        assertThat(platform.datasourceUrl(AppService.GOODS)).isEqualTo("jdbc:mariadb://db.example.com:3306/goods");
        assertThat(platform.databaseCredentialsSecret()).isEqualTo("db");
        assertThat(platform.nameServerAddress()).isEqualTo("ns1:9876;ns2:9876");
    }

    @Test
    void externalMysqlIsReachedThroughTheMariadbDriverWithItsAuthenticationOptions() {
        var platform = settings("""
        mysql: {external: {jdbcUrl: "jdbc:mysql://db.example.com:3306?allowPublicKeyRetrieval=true&connectTimeout=5000",
                           credentialsSecret: {name: db}}}
        """);

        assertThat(platform.datasourceUrl(AppService.ORDER))
                .isEqualTo(
                        "jdbc:mariadb://db.example.com:3306/orders?allowPublicKeyRetrieval=true&connectTimeout=5000");
        assertThat(settings("""
        mysql: {external: {jdbcUrl: "jdbc:mysql://db:3306?sslMode=verify-full", credentialsSecret: {name: db}}}
        """).datasourceUrl(AppService.GOODS))
                .isEqualTo("jdbc:mariadb://db:3306/goods?sslMode=verify-full");
    }

    @Test
    void externalMysqlWithoutAWayToSendThePasswordIsRejected() {
        for (String url : new String[] {
            "jdbc:mysql://db:3306",
            "jdbc:mysql://db:3306?sslMode=disable",
            "jdbc:mysql://db:3306?allowPublicKeyRetrieval=false"
        }) {
            assertThatThrownBy(() ->
                            settings("mysql: {external: {jdbcUrl: \"" + url + "\", credentialsSecret: {name: db}}}"))
                    .as(url)
                    .isInstanceOfSatisfying(
                            InvalidSpecException.class,
                            e -> assertThat(e.problems())
                                    .singleElement()
                                    .asString()
                                    .contains(
                                            "without allowPublicKeyRetrieval=true or sslMode=trust|verify-ca|verify-full"));
        }
    }

    @Test
    void invalidSpecListsEveryProblem() {
        assertThatThrownBy(() -> settings("""
        orderTimeout: soon
        services: {order: {replicas: 99}}
        mysql:
          managed: {}
          external: {jdbcUrl: "jdbc:mariadb://db:3306"}
        rocketmq: {managed: {nameServerReplicas: 5}}
        """))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "orderTimeout 'soon' does not match " + PlatformDefaults.DURATION_PATTERN,
                                        "services.order.replicas 99 is outside 0..20",
                                        "set either mysql.managed or mysql.external, not both",
                                        "mysql.external.credentialsSecret.name is required",
                                        "rocketmq.managed.nameServerReplicas 5 is outside 1..3"));
    }

    @Test
    void monitoringIsOffUnlessAskedForAndItsLabelsAndTracingAreChecked() {
        assertThat(settings("").monitoring()).isEqualTo(PlatformSettings.Monitoring.OFF);
        assertThat(settings("""
        monitoring:
          enabled: true
          labels: {release: prometheus, team.example.com/owner: shop}
          tracing: {otlpEndpoint: "http://otel.observability:4318/v1/traces", samplingProbability: 0.25}
          jsonLogs: true
        """).monitoring())
                .isEqualTo(new PlatformSettings.Monitoring(
                        true,
                        Map.of("release", "prometheus", "team.example.com/owner", "shop"),
                        "http://otel.observability:4318/v1/traces",
                        0.25,
                        true));
        assertThatThrownBy(() -> settings("""
        monitoring:
          labels: {"bad key!": x, release: "not a value"}
          tracing: {otlpEndpoint: "otel:4318", samplingProbability: 1.5}
        """))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "monitoring.labels: 'bad key!' is not a label key",
                                        "monitoring.labels: 'not a value' of release is not a label value",
                                        "monitoring.tracing.samplingProbability 1.5 is outside 0..1",
                                        "monitoring.tracing.otlpEndpoint 'otel:4318' does not match "
                                                + PlatformDefaults.HTTP_URL_PATTERN));
    }

    @Test
    void orderTimeoutAcceptsBothDurationFormsWithinLimits() {
        assertThat(settings("orderTimeout: PT15M").orderTimeout()).isEqualTo("PT15M");
        assertThat(settings("orderTimeout: 2h").orderTimeout()).isEqualTo("2h");
        assertThatThrownBy(() -> settings("orderTimeout: 1s")).hasMessageContaining("outside 10s..7d");
        assertThatThrownBy(() -> settings("orderTimeout: 30d")).hasMessageContaining("outside 10s..7d");
    }

    @Test
    void anExternalBrokerIsTakenToRefuseTimersBeyondItsDefaultLimit() {
        assertThat(settings("""
        orderTimeout: 3d
        rocketmq: {external: {nameServerAddress: "ns:9876"}}
        """).timerMaxDelay()).isEqualTo(Duration.ofDays(3));
        assertThatThrownBy(() -> settings("""
        orderTimeout: 4d
        rocketmq: {external: {nameServerAddress: "ns:9876"}}
        """)).hasMessageContaining("orderTimeout 4d is longer than 3d");
    }

    @Test
    void examplesAreValid() {
        assertThat(TestPlatforms.settings(TestPlatforms.example("minimal.yaml")).mysqlManaged())
                .isTrue();
        var production = TestPlatforms.settings(TestPlatforms.example("production.yaml"));
        assertThat(production.managedRocketmq().nameServerReplicas()).isEqualTo(3);
        assertThat(production.managedRocketmq().image()).isEqualTo("ghcr.io/orderplatform/rocketmq:0.1.0");
        assertThat(production.services().get(AppService.INVENTORY).replicas()).isEqualTo(3);
        var external = TestPlatforms.settings(TestPlatforms.example("external.yaml"));
        assertThat(external.mysqlManaged()).isFalse();
        assertThat(external.rocketmqManaged()).isFalse();
    }
}
