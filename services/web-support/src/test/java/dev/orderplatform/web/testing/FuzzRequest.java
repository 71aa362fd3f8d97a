package dev.orderplatform.web.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One generated request and what must come of it.
 *
 * @param conformant whether the request still addresses its operation, so the answer must be one the operation
 *         documents (an odd path segment or a wrong method may reach another route)
 */
// A byte array (a body may be invalid UTF-8 on purpose) in a record nobody compares: generated, sent, described.
@SuppressWarnings("ArrayRecordComponent")
record FuzzRequest(
        ApiOperation operation,
        Mutation mutation,
        String method,
        String pathAndQuery,
        Map<String, String> headers,
        byte[] body,
        boolean mustRefuse,
        int expectedStatus,
        boolean conformant) {

    FuzzRequest {
        headers = new LinkedHashMap<>(headers);
    }

    /** For the report: enough to replay it with curl. */
    String describe() {
        StringBuilder text = new StringBuilder(method).append(' ').append(pathAndQuery);
        headers.forEach((name, value) -> text.append("\n    ")
                .append(name)
                .append(": ")
                .append(value.length() > 60 ? value.substring(0, 60) + "..." : value));
        if (body != null) {
            String shown = new String(body, StandardCharsets.UTF_8);
            text.append("\n    body (")
                    .append(body.length)
                    .append(" bytes): ")
                    .append(shown.length() > 300 ? shown.substring(0, 300) + "..." : shown);
        }
        return text.toString();
    }
}
