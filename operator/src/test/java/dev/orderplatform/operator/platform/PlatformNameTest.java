package dev.orderplatform.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderplatform.operator.mysql.MysqlResources;
import dev.orderplatform.operator.platform.PlatformContract.AppService;
import dev.orderplatform.operator.rocketmq.RocketmqResources;
import dev.orderplatform.operator.secrets.GeneratedSecrets;
import dev.orderplatform.operator.services.AppServiceResources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every name derived from the platform's name is valid for the longest name the CRD and the settings accept. */
class PlatformNameTest {

    static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    /** The StatefulSet controller labels pods {@code controller-revision-hash=<statefulset>-<uint32 in decimal>}. */
    static final String LONGEST_REVISION_HASH = "-" + 4_294_967_295L;

    @Test
    void everyDerivedNameFitsForTheLongestAcceptedName() {
        String longest = "a" + "-b".repeat(20);
        assertThat(longest).hasSize(PlatformDefaults.PLATFORM_NAME_MAX_LENGTH);

        assertThat(violations(renamed(longestSettings(), longest))).isEmpty();
    }

    @Test
    void oneCharacterMoreWouldBreakAStatefulSet() {
        String tooLong = "a".repeat(PlatformDefaults.PLATFORM_NAME_MAX_LENGTH + 1);

        assertThat(violations(renamed(longestSettings(), tooLong))).isNotEmpty();
    }

    @Test
    void settingsRejectNamesTheCrdRejects() {
        for (String name : List.of("1shop", "shop.example", "Shop", "shop-", "a".repeat(42))) {
            assertThatThrownBy(() -> TestPlatforms.settings(named(name)))
                    .as(name)
                    .isInstanceOfSatisfying(
                            InvalidSpecException.class,
                            e -> assertThat(e.problems())
                                    .singleElement()
                                    .asString()
                                    .startsWith("metadata.name '" + name + "'"));
        }
        assertThat(TestPlatforms.settings(named("a".repeat(41))).name()).hasSize(41);
    }

    /** Settings whose derived objects are the most numerous: everything managed, the most name servers. */
    private static PlatformSettings longestSettings() {
        return TestPlatforms.settings("rocketmq: {managed: {nameServerReplicas: 3}}");
    }

    private static OrderPlatform named(String name) {
        var platform = TestPlatforms.withSpec("");
        platform.getMetadata().setName(name);
        return platform;
    }

    /** The same settings under another name, bypassing the name check so that a too long name can be tried. */
    private static PlatformSettings renamed(PlatformSettings s, String name) {
        return new PlatformSettings(
                name,
                s.namespace(),
                s.imageRegistry(),
                s.imageTag(),
                s.pullPolicy(),
                s.services(),
                s.orderTimeout(),
                s.managedMysql(),
                s.externalMysql(),
                s.managedRocketmq(),
                s.externalNameServerAddress(),
                s.dataRetention(),
                s.operatorNamespace(),
                s.monitoring());
    }

    private static List<String> violations(PlatformSettings platform) {
        var problems = new ArrayList<String>();
        for (HasMetadata object : objects(platform)) {
            String name = object.getMetadata().getName();
            String what = object.getKind() + " " + name;
            check(problems, DNS_1123_SUBDOMAIN.matcher(name).matches() && name.length() <= 253, what + ": name");
            labels(object)
                    .forEach((key, value) -> check(
                            problems,
                            LABEL_VALUE.matcher(value).matches() && value.length() <= 63,
                            what + ": label " + key + "=" + value));
            if (object instanceof Service) {
                check(problems, DNS_1035_LABEL.matcher(name).matches() && name.length() <= 63, what + ": Service name");
            }
            if (object instanceof StatefulSet statefulSet) {
                check(
                        problems,
                        (name + LONGEST_REVISION_HASH).length() <= 63,
                        what + ": controller-revision-hash label");
                String lastPod = name + "-" + (statefulSet.getSpec().getReplicas() - 1);
                check(
                        problems,
                        DNS_1035_LABEL.matcher(lastPod).matches() && lastPod.length() <= 63,
                        what + ": pod hostname");
            }
        }
        return problems;
    }

    private static void check(List<String> problems, boolean valid, String problem) {
        if (!valid) {
            problems.add(problem);
        }
    }

    private static Map<String, String> labels(HasMetadata object) {
        var labels = new HashMap<>(object.getMetadata().getLabels());
        if (object instanceof StatefulSet statefulSet) {
            labels.putAll(statefulSet.getSpec().getTemplate().getMetadata().getLabels());
        }
        if (object instanceof Deployment deployment) {
            labels.putAll(deployment.getSpec().getTemplate().getMetadata().getLabels());
        }
        return labels;
    }

    private static List<HasMetadata> objects(PlatformSettings platform) {
        var objects = new ArrayList<HasMetadata>(List.of(
                GeneratedSecrets.jwt(platform, Map.of()),
                GeneratedSecrets.mysqlCredentials(platform, Map.of()),
                MysqlResources.initConfigMap(platform),
                MysqlResources.service(platform),
                MysqlResources.statefulSet(platform),
                RocketmqResources.nameServerService(platform),
                RocketmqResources.nameServerStatefulSet(platform),
                RocketmqResources.brokerConfig(platform),
                RocketmqResources.brokerService(platform),
                RocketmqResources.brokerStatefulSet(platform),
                DataNetworkPolicy.networkPolicy(platform),
                AppServiceResources.grpcNetworkPolicy(platform)));
        Stream.of(AppService.values()).forEach(service -> {
            objects.add(AppServiceResources.deployment(platform, service));
            objects.add(AppServiceResources.service(platform, service));
            objects.add(AppServiceResources.disruptionBudget(platform, service));
        });
        return objects;
    }
}
