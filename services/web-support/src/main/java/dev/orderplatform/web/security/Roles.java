package dev.orderplatform.web.security;

/** Values of the JWT claim {@value #CLAIM}; Spring Security sees them as {@code ROLE_<value>}. */
public final class Roles {

    public static final String CLAIM = "roles";
    /** Administration: catalogue edits, stock, sell records, the audit. Never given to shoppers. */
    public static final String ADMIN = "ADMIN";
    /** A shopper: cart and own orders. */
    public static final String USER = "USER";
    /** Another platform service calling over gRPC; the token's subject names the caller, its audience the callee. */
    public static final String SERVICE = "SERVICE";

    private Roles() {}
}
