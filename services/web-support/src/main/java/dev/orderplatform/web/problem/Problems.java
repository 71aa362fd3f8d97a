package dev.orderplatform.web.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Builds the problem details of the platform: every one carries a stable {@code code}. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        return withCode(ProblemDetail.forStatusAndDetail(status, detail), code);
    }

    /** Answers with a problem detail from where Spring MVC's handlers do not reach (servlet filters, security). */
    public static void write(
            JsonMapper json, HttpServletResponse response, HttpStatusCode status, String code, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), of(status, code, detail));
    }

    /** Gives a problem detail built elsewhere (e.g. by Spring MVC) the platform's code and type. */
    public static ProblemDetail withCode(ProblemDetail problem, String code) {
        problem.setType(URI.create("https://orderplatform.dev/problems/"
                + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail of(ApiProblem failure) {
        ProblemDetail problem = of(failure.status(), failure.code(), failure.getMessage());
        for (Map.Entry<String, Object> property : failure.properties().entrySet()) {
            problem.setProperty(property.getKey(), property.getValue());
        }
        return problem;
    }
}
