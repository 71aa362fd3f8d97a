package dev.orderplatform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The failures Spring MVC and the servlet container answer by themselves, over a real Tomcat: each is a problem
 * detail with a stable {@code code} like the platform's own.
 */
@SpringBootTest(
        classes = WebSupportTest.TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orderplatform.jwt.secret=test-secret-that-is-at-least-32-bytes-long",
            "spring.application.name=things",
            "spring.servlet.multipart.max-file-size=1KB",
            "spring.servlet.multipart.max-request-size=1KB"
        })
class ErrorCodesOverHttpTest {

    private static final String MULTIPART_BOUNDARY = "boundary7";

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertProblem(send(request("/no/such/path").GET()), 404, "NOT_FOUND");
    }

    @Test
    void requestTheFirewallRejectsIsBadRequest() throws Exception {
        // Spring Security's firewall refuses it before Spring MVC: the container's error page answers.
        assertProblem(send(request("/things/%2e%2e/mine").GET()), 400, "INVALID_PARAMETER");
    }

    @Test
    void urlTomcatRejectsBeforeAnyServletIsBadRequest() throws Exception {
        // Found by the API fuzz tests: Tomcat answered these with its own HTML page.
        assertProblem(send(request("/things/%5C").GET()), 400, "INVALID_PARAMETER");
        assertProblem(send(request("/things/a%00b").GET()), 400, "INVALID_PARAMETER");
    }

    @Test
    void wrongMethodIsMethodNotAllowedWithTheAllowedOnes() throws Exception {
        HttpResponse<String> response = send(request("/things/mine").DELETE());
        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow"))
                .as("RFC 9110: a 405 lists the allowed methods")
                .hasValueSatisfying(allowed -> assertThat(allowed).contains("GET"));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        assertProblem(
                send(request("/things")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("name"))),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void unacceptableResponseTypeIsNotAcceptable() throws Exception {
        assertProblem(
                send(request("/things")
                        .header("Content-Type", "application/json")
                        .header("Accept", "image/png")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\"}"))),
                406,
                "NOT_ACCEPTABLE");
    }

    @Test
    void tooLargeUploadIsContentTooLarge() throws Exception {
        String body = "--" + MULTIPART_BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "x".repeat(4096) + "\r\n--" + MULTIPART_BOUNDARY + "--\r\n";
        assertProblem(
                send(request("/things")
                        .header("Content-Type", "multipart/form-data; boundary=" + MULTIPART_BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofString(body))),
                413,
                "CONTENT_TOO_LARGE");
    }

    private HttpRequest.Builder request(String path) {
        String token = tokens.issue("42", List.of(Roles.USER), Duration.ofMinutes(5));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asString()).as(response.body()).isEqualTo(code);
    }
}
