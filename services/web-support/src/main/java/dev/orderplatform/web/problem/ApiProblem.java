package dev.orderplatform.web.problem;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure a client can act on: answered as an RFC 9457 problem detail whose {@code code} property is a
 * stable, machine-readable error code (e.g. {@code GOODS_NOT_FOUND}). Thrown before anything is changed,
 * or inside the transaction that it rolls back.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties;

    public ApiProblem(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ApiProblem(HttpStatus status, String code, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public static ApiProblem notFound(String code, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ApiProblem conflict(String code, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, code, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra members of the problem detail, e.g. the goods ids that are short of stock. */
    public Map<String, Object> properties() {
        return properties;
    }
}
