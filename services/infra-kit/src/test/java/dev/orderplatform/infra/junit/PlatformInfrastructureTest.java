package dev.orderplatform.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.contracts.Topics;
import dev.orderplatform.infra.rocketmq.TopicMessageType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

@WithPlatformInfrastructure
class PlatformInfrastructureTest {

    @Test
    void oneSharedInstancePerJvmEvenUnderConcurrentFirstUse(PlatformInfrastructure injected) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<PlatformInfrastructure>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit((Callable<PlatformInfrastructure>) PlatformInfrastructure::shared));
            }
            for (Future<PlatformInfrastructure> result : results) {
                assertThat(result.get()).isSameAs(injected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(injected.workDir().getFileName().toString())
                .isEqualTo("jvm-" + ProcessHandle.current().pid());
        assertThat(injected.rocketMq().topicMessageType(Topics.ORDER_REBACK)).isEqualTo(TopicMessageType.TRANSACTION);
    }

    @Test
    void registersSpringProperties(PlatformInfrastructure infrastructure) throws Exception {
        Map<String, Supplier<Object>> properties = new HashMap<>();
        DynamicPropertyRegistry registry = properties::put;
        infrastructure.registerSpringProperties(registry, "infra_kit_spring");

        assertThat(properties.get("spring.datasource.url").get())
                .isEqualTo(infrastructure.mariaDb().jdbcUrl("infra_kit_spring"));
        assertThat(properties.get("spring.datasource.username").get())
                .isEqualTo(infrastructure.mariaDb().username());
        assertThat(properties.get("spring.datasource.password").get())
                .isEqualTo(infrastructure.mariaDb().password());
        assertThat(properties.get(PlatformInfrastructure.NAME_SERVER_PROPERTY).get())
                .isEqualTo(infrastructure.rocketMq().nameServerAddress());
        try (var connection = infrastructure.mariaDb().openConnection("infra_kit_spring")) {
            assertThat(connection.getCatalog()).isEqualTo("infra_kit_spring");
        }
    }

    @Test
    void nettyCanUnmapTheBrokersFiles() {
        // Netty 4.2 on JDK 25+ without Unsafe cannot free mapped buffers (see EmbeddedRocketMq.prepareJvm).
        assertThat(io.netty.util.internal.PlatformDependent.hasUnsafe()).isTrue();
    }

    @Test
    void rocketMqDoesNotTakeOverSlf4j() {
        // rocketmq-shaded-slf4j-api-bridge is an SLF4J provider; with it, Spring Boot refuses to start.
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("ch.qos.logback.classic.");
    }
}
