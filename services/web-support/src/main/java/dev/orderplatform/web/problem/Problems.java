package dev.orderplatform.web.problem;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the problem details of the platform: every one carries a stable {@code code}. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        return withCode(ProblemDetail.forStatusAndDetail(status, detail), code);
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
