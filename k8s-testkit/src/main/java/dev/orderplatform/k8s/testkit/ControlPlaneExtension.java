package dev.orderplatform.k8s.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit 5 extension behind {@link WithControlPlane}. */
public final class ControlPlaneExtension implements ExecutionCondition, ParameterResolver {

    /** Set to true where the control plane must be there (CI): missing binaries fail instead of skipping. */
    public static final String REQUIRED_VARIABLE = "ORDERPLATFORM_K8S_REQUIRED";

    private static volatile ControlPlaneBinaries.Resolution resolution;
    private static volatile boolean skipReported;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (resolution() instanceof ControlPlaneBinaries.Resolution.Missing missing) {
            if (Boolean.parseBoolean(System.getenv(REQUIRED_VARIABLE))) {
                throw new IllegalStateException(REQUIRED_VARIABLE + " is set: " + missing.reason());
            }
            String line = "SKIPPED (no Kubernetes control plane): " + missing.reason();
            if (!skipReported) {
                skipReported = true;
                System.out.println(line);
            }
            return ConditionEvaluationResult.disabled(line);
        }
        return ConditionEvaluationResult.enabled("control plane binaries found");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ControlPlane.class;
    }

    /** The shared control plane starts when a test first asks for it. */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ControlPlane.shared();
    }

    /** Looked up once per JVM: building the binaries, when Go is there, happens here. */
    private static synchronized ControlPlaneBinaries.Resolution resolution() {
        if (resolution == null) {
            resolution = ControlPlaneBinaries.resolve();
        }
        return resolution;
    }
}
