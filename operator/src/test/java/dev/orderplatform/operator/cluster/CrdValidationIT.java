package dev.orderplatform.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.k8s.testkit.ControlPlane;
import dev.orderplatform.k8s.testkit.WithControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API server itself refuses nonsense with the schema's message: kubectl apply fails, nothing is stored. */
@WithControlPlane
class CrdValidationIT {

    static final String NAMESPACE = "crd-validation";

    @BeforeAll
    static void installCrd(ControlPlane cluster) {
        // Forced: the operator's test may have installed the same CRD through the chart, as helm's.
        cluster.kubectl("apply", "--server-side", "--force-conflicts", "-f", ClusterFiles.CRD.toString())
                .orThrow();
        cluster.kubectl("wait", "--for=condition=Established", "crd/orderplatforms.orderplatform.dev")
                .orThrow();
        cluster.kubectl("create", "namespace", NAMESPACE).orThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      managed and external MySQL | shop | mysql: {managed: {}, external: {jdbcUrl: 'jdbc:mariadb://db:3306', credentialsSecret: {name: db}}} | set either mysql.managed or mysql.external, not both
      managed and external RocketMQ | shop | rocketmq: {managed: {}, external: {nameServerAddress: 'ns:9876'}} | set either rocketmq.managed or rocketmq.external, not both
      99 replicas | shop | services: {order: {replicas: 99}} | spec.services.order.replicas: Invalid value: 99: spec.services.order.replicas in body should be less than or equal to 20
      an order timeout of soon | shop | orderTimeout: soon | spec.orderTimeout: Invalid value: "soon": spec.orderTimeout in body should match
      a sampling probability above 1 | shop | monitoring: {tracing: {samplingProbability: 1.5}} | spec.monitoring.tracing.samplingProbability in body should be less than or equal to 1
      an OTLP endpoint without a scheme | shop | monitoring: {tracing: {otlpEndpoint: 'otel:4318'}} | spec.monitoring.tracing.otlpEndpoint in body should match
      a name with a dot | shop.v2 | '' | metadata.name
      a name starting with a digit | 1shop | '' | metadata.name
      a name too long for the derived names | a-platform-name-that-is-far-too-long-for-its-objects | '' | metadata.name
      """)
    void rejects(String what, String name, String spec, String message, @TempDir Path dir, ControlPlane cluster)
            throws IOException {
        Path file = Files.writeString(dir.resolve("platform.yaml"), """
        apiVersion: orderplatform.dev/v1alpha1
        kind: OrderPlatform
        metadata:
          name: %s
        spec: {%s}
        """.formatted(name, spec));

        var apply = cluster.kubectl("apply", "-n", NAMESPACE, "-f", file.toString());

        assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(1);
        assertThat(apply.stderr()).contains("is invalid").contains(message);
        assertThat(cluster.kubectl("get", "orderplatforms", "-n", NAMESPACE, "-o", "name")
                        .orThrow()
                        .stdout())
                .isEmpty();
    }
}
