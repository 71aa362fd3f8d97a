package dev.orderplatform.web.problem;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

/** Turns every failure of an HTTP API into a problem detail with a stable {@code code}. */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem failure) {
        return ResponseEntity.status(failure.status()).body(Problems.of(failure));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException failure) {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        ErrorCodes.INVALID_PARAMETER,
                        "Parameter '" + failure.getName() + "' has an invalid value: " + failure.getValue()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        log.error("Request failed", failure);
        return ResponseEntity.internalServerError()
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        ErrorCodes.INTERNAL_ERROR,
                        "The request could not be completed; try again later."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = failure.getBindingResult().getFieldErrors().stream()
                .map(ProblemDetailsAdvice::fieldError)
                .toList();
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                ErrorCodes.VALIDATION_FAILED,
                "The request has invalid fields: "
                        + errors.stream().map(e -> e.get("field")).toList());
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        ErrorCodes.VALIDATION_FAILED,
                        "The request has invalid parameters: " + failure.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (failure.getCause() instanceof InvalidFormatException invalid
                && invalid.getValue() instanceof Number
                && isIntegerType(invalid.getTargetType())) {
            // A well-formed number the field cannot hold exactly (1.5 for a quantity): a field error, like @Min.
            String field = fieldPath(invalid);
            ProblemDetail problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    ErrorCodes.VALIDATION_FAILED,
                    "The request has invalid fields: [" + field + "]");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "must be an integer")));
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        ErrorCodes.MALFORMED_REQUEST,
                        "The request body is not valid JSON of the expected shape."));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(
                        HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, "No endpoint " + failure.getResourcePath()));
    }

    /**
     * Every failure Spring MVC answers by itself (405, 415, 406, 413, a missing parameter...) comes through here with
     * its own problem detail and headers (a 405's {@code Allow}): it gets a stable code like the platform's own.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception failure, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("Request failed", failure);
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(failure, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            Problems.withCode(problem, ErrorCodes.forStatus(status));
        }
        return response;
    }

    private static boolean isIntegerType(Class<?> type) {
        return type == int.class
                || type == Integer.class
                || type == long.class
                || type == Long.class
                || type == short.class
                || type == Short.class
                || type == byte.class
                || type == Byte.class
                || type == BigInteger.class;
    }

    /** The field as a client names it: {@code items[0].quantity}. */
    private static String fieldPath(InvalidFormatException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference step : failure.getPath()) {
            if (step.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of(
                "field",
                error.getField(),
                "message",
                error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
    }
}
