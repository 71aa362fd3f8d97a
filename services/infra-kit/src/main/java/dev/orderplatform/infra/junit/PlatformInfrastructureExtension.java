package dev.orderplatform.infra.junit;

import dev.orderplatform.infra.mariadb.EmbeddedMariaDb;
import dev.orderplatform.infra.rocketmq.EmbeddedRocketMq;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link WithPlatformInfrastructure}: starts the {@link PlatformInfrastructure#shared()
 * shared} infrastructure before all tests of a class (once per JVM) and resolves parameters of type
 * {@link PlatformInfrastructure}, {@link EmbeddedRocketMq} and {@link EmbeddedMariaDb}.
 */
public final class PlatformInfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        PlatformInfrastructure.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == PlatformInfrastructure.class || type == EmbeddedRocketMq.class || type == EmbeddedMariaDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        PlatformInfrastructure infrastructure = PlatformInfrastructure.shared();
        if (type == EmbeddedRocketMq.class) {
            return infrastructure.rocketMq();
        }
        if (type == EmbeddedMariaDb.class) {
            return infrastructure.mariaDb();
        }
        return infrastructure;
    }
}
