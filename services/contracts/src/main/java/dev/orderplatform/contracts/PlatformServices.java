package dev.orderplatform.contracts;

/**
 * The platform's services by name: each one's {@code spring.application.name}, and the subject (caller) and
 * audience (callee) of the tokens they call each other's gRPC methods with.
 */
public final class PlatformServices {

    public static final String GOODS = "goods";
    public static final String INVENTORY = "inventory";
    public static final String ORDER = "order";

    private PlatformServices() {}
}
