package dev.orderplatform.operator.platform;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** OrderPlatforms for tests, from YAML snippets or the checked-in examples. */
public final class TestPlatforms {

    public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    public static final OperatorBuild BUILD = new OperatorBuild("registry.test/op", "1.2.3", "11.4.99");
    public static final String OPERATOR_NAMESPACE = "operators";

    private TestPlatforms() {}

    /** An OrderPlatform named shop in namespace test with the given spec (YAML). */
    public static OrderPlatform withSpec(String specYaml) {
        String yaml = """
        apiVersion: orderplatform.dev/v1alpha1
        kind: OrderPlatform
        metadata:
          name: shop
          namespace: test
        spec:
        %s
        """.formatted(specYaml.isBlank() ? "  {}" : specYaml.indent(2));
        var platform = Serialization.unmarshal(yaml, OrderPlatform.class);
        platform.getMetadata().setGeneration(1L);
        return platform;
    }

    public static PlatformSettings settings(String specYaml) {
        return settings(withSpec(specYaml));
    }

    public static PlatformSettings settings(OrderPlatform platform) {
        return PlatformSettings.of(platform, BUILD, OPERATOR_NAMESPACE);
    }

    /** The OrderPlatform of a file under crds/examples, in namespace test. */
    public static OrderPlatform example(String file) {
        try {
            String yaml = Files.readString(REPOSITORY.resolve("crds/examples").resolve(file));
            var platform = Serialization.unmarshal(
                    yaml.substring(yaml.lastIndexOf("apiVersion: orderplatform.dev")), OrderPlatform.class);
            platform.setMetadata(new ObjectMetaBuilder(platform.getMetadata())
                    .withNamespace("test")
                    .build());
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
