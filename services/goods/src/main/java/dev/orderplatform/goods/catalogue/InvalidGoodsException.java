package dev.orderplatform.goods.catalogue;

import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.problem.ErrorCodes;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Input that breaks the catalogue's rules, found before anything is written: HTTP 400 {@code VALIDATION_FAILED}
 * with an {@code errors} list of {@code {field, message}} (the shape web-support uses for bean validation),
 * gRPC {@code INVALID_ARGUMENT}.
 */
public class InvalidGoodsException extends ApiProblem {

    public record Violation(String field, String message) {

        @Override
        public String toString() {
            return field + " " + message;
        }
    }

    private final List<Violation> violations;

    public InvalidGoodsException(List<Violation> violations) {
        super(
                HttpStatus.BAD_REQUEST,
                ErrorCodes.VALIDATION_FAILED,
                "The request has invalid fields: "
                        + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")),
                Map.of(
                        "errors",
                        violations.stream()
                                .map(v -> Map.of("field", v.field(), "message", v.message()))
                                .toList()));
        this.violations = List.copyOf(violations);
    }

    public static InvalidGoodsException of(String field, String message) {
        return new InvalidGoodsException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
