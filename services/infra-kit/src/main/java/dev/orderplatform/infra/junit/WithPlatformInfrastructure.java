package dev.orderplatform.infra.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the JVM's {@link PlatformInfrastructure#shared() shared} RocketMQ and MariaDB before the test class
 * and lets test methods and constructors take {@link PlatformInfrastructure}, {@code EmbeddedRocketMq} or
 * {@code EmbeddedMariaDb} parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PlatformInfrastructureExtension.class)
public @interface WithPlatformInfrastructure {}
