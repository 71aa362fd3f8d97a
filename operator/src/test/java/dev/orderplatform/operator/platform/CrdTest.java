package dev.orderplatform.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CrdTest {

    static final String CRD_FILE = "orderplatforms.orderplatform.dev-v1.yml";
    static final Path GENERATED = Path.of("target/classes/META-INF/fabric8", CRD_FILE);
    static final Path CHECKED_IN = TestPlatforms.REPOSITORY.resolve("crds").resolve(CRD_FILE);

    @Test
    void checkedInCrdIsTheGeneratedOne() throws IOException {
        assertThat(Files.readString(CHECKED_IN))
                .as(
                        "crds/%s is stale: the model changed. Run ./mvnw -pl operator process-classes, then "
                                + "cp operator/%s crds/ && cp operator/%s helm/orderplatform-operator/crds/",
                        CRD_FILE, GENERATED, GENERATED)
                .isEqualTo(Files.readString(GENERATED));
    }

    @Test
    void crdDescribesTheResourceOfTheDesign() throws IOException {
        var crd = Serialization.unmarshal(Files.readString(CHECKED_IN), CustomResourceDefinition.class);

        assertThat(crd.getSpec().getGroup()).isEqualTo("orderplatform.dev");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("orderplatforms");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("op");
        var version = crd.getSpec().getVersions().getFirst();
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getAdditionalPrinterColumns())
                .extracting("name", "priority")
                .containsExactly(
                        tuple("Ready", 0),
                        tuple("Reason", 0),
                        tuple("Components", 0),
                        tuple("Endpoint", 1),
                        tuple("Age", 0));
        assertThat(version.getAdditionalPrinterColumns().getFirst().getJsonPath())
                .isEqualTo(".status.conditions[?(@.type==\"Ready\")].status");
        var conditions = version.getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("status")
                .getProperties()
                .get("conditions");
        assertThat(conditions.getXKubernetesListType()).isEqualTo("map");
        assertThat(conditions.getXKubernetesListMapKeys()).containsExactly("type");
        assertThat(conditions.getItems().getSchema().getRequired()).contains("type");
        var spec = version.getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("spec")
                .getProperties();
        assertThat(spec.get("mysql").getXKubernetesValidations())
                .singleElement()
                .satisfies(rule -> assertThat(rule.getRule()).isEqualTo("!(has(self.managed) && has(self.external))"));
        assertThat(spec.get("rocketmq").getXKubernetesValidations()).hasSize(1);
        assertThat(spec.get("orderTimeout").getPattern()).isEqualTo(PlatformDefaults.DURATION_PATTERN);
        assertThat(spec.get("rocketmq").getProperties().get("external").getRequired())
                .containsExactly("nameServerAddress");
        assertThat(spec.get("mysql").getProperties().get("external").getXKubernetesValidations())
                .singleElement()
                .satisfies(rule -> assertThat(rule.getRule()).contains(PlatformDefaults.MYSQL_AUTH_OPTION_PATTERN));
    }

    @Test
    void nameIsValidatedOnTheRootSoThatDerivedNamesFit() throws IOException {
        var crd = Serialization.unmarshal(Files.readString(CHECKED_IN), CustomResourceDefinition.class);

        var root = crd.getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema();
        assertThat(root.getXKubernetesValidations())
                .extracting("rule")
                .containsExactly(
                        "self.metadata.name.matches('" + PlatformDefaults.PLATFORM_NAME_PATTERN + "')",
                        "size(self.metadata.name) <= " + PlatformDefaults.PLATFORM_NAME_MAX_LENGTH);
    }
}
