package dev.orderplatform.operator.platform;

/**
 * The namespace the operator runs in, from {@code OPERATOR_NAMESPACE} (the Helm chart sets it from the pod's own
 * namespace); null when it runs outside a cluster.
 */
public final class OperatorNamespace {

    private static final String CURRENT = blankToNull(System.getenv("OPERATOR_NAMESPACE"));

    private OperatorNamespace() {}

    public static String current() {
        return CURRENT;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
