package dev.orderplatform.web.problem;

import org.springframework.http.HttpStatusCode;

/** Error codes every service may answer with; each service adds its own beside its feature. */
public final class ErrorCodes {

    /** A field failed validation; the problem's {@code errors} member lists them. */
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    /** The body is not valid JSON or has a value of the wrong type. */
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    /** A path or query parameter (or a header) is missing or has the wrong type. */
    public static final String INVALID_PARAMETER = "INVALID_PARAMETER";

    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    /** The request's {@code Accept} header allows no type the endpoint answers with. */
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    /** The body's {@code Content-Type} is not one the endpoint reads (the JSON APIs read application/json). */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    /** The body is larger than the server accepts. */
    public static final String CONTENT_TOO_LARGE = "CONTENT_TOO_LARGE";
    /** Any other refusal of the request by the web framework or the servlet container itself. */
    public static final String REQUEST_REFUSED = "REQUEST_REFUSED";
    /**
     * No bearer token, or one that is expired, not signed with the platform's key, without an expiry, or without a
     * subject of 1..64 characters.
     */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** A valid token without the role the endpoint needs (administrative endpoints need ADMIN). */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** A dependency (database, broker, another service) failed; nothing the client can fix. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ErrorCodes() {}

    /** The code of a failure the web framework or the servlet container answers by itself, from its status. */
    public static String forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> INVALID_PARAMETER; // a missing or unconvertible parameter or header, a rejected URL
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> CONTENT_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status.is5xxServerError() ? INTERNAL_ERROR : REQUEST_REFUSED;
        };
    }
}
