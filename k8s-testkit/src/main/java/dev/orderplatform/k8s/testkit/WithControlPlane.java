package dev.orderplatform.k8s.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the JVM's {@link ControlPlane#shared() shared} Kubernetes control plane, and lets
 * test methods and constructors take a {@link ControlPlane} parameter. Without the binaries (no cache and no Go
 * to build them) the class is skipped with one line saying how to get them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ControlPlaneExtension.class)
public @interface WithControlPlane {}
