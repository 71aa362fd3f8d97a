package dev.orderplatform.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards to its error page (a request Spring Security's firewall rejects, a failure in
 * a filter): the same problem detail with a stable {@code code} as every other error, in place of Boot's error JSON.
 */
@RestController
public class ErrorPageController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        // Asked for directly, the error page is just a path without an endpoint.
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                        && HttpStatus.resolve(code) != null
                ? HttpStatus.valueOf(code)
                : HttpStatus.NOT_FOUND;
        if (status.is5xxServerError()) {
            log.error("Request failed", (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        }
        String detail = status.is5xxServerError()
                ? "The request could not be completed; try again later."
                : status.getReasonPhrase();
        return ResponseEntity.status(status).body(Problems.of(status, ErrorCodes.forStatus(status), detail));
    }
}
