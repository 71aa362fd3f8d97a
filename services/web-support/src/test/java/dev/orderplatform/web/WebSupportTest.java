package dev.orderplatform.web;

import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderplatform.web.paging.PageQuery;
import dev.orderplatform.web.paging.PageWindow;
import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.security.EndpointAuthorization;
import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import dev.orderplatform.web.testing.ObservedMeters;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(properties = {"orderplatform.jwt.secret=" + WebSupportTest.SECRET, "spring.application.name=things"})
@AutoConfigureMockMvc
class WebSupportTest {

    static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";

    @Autowired
    MockMvc mvc;

    @Autowired
    JwtTokens tokens;

    @Autowired
    MeterRegistry meters;

    @Test
    void requestWithoutTokenIsRefusedWithProblemDetail() throws Exception {
        mvc.perform(get("/things/mine"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() throws Exception {
        String forged = new JwtTokens("another-secret-that-is-at-least-32-bytes".getBytes(StandardCharsets.UTF_8))
                .issue("7", List.of(Roles.ADMIN), Duration.ofMinutes(5));
        mvc.perform(get("/things/mine").header("Authorization", "Bearer " + forged))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void tokenAddressedToAnotherServiceOrExpiredIsRefused() throws Exception {
        for (String refused : List.of(
                tokens.issueServiceToken("order", "inventory", Duration.ofMinutes(5)),
                tokens.issue("order", List.of(Roles.SERVICE), Duration.ofMinutes(5)),
                new JwtTokens(
                                SECRET.getBytes(StandardCharsets.UTF_8),
                                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)))
                        .issue("7", List.of(Roles.ADMIN), Duration.ofMinutes(5)))) {
            mvc.perform(get("/things/mine").header("Authorization", "Bearer " + refused))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        }
        mvc.perform(get("/things/mine")
                        .header(
                                "Authorization",
                                "Bearer " + tokens.issueServiceToken("order", "things", Duration.ofMinutes(5))))
                .andExpect(status().isOk())
                .andExpect(content().string("order"));
    }

    @Test
    void userTokenReachesUserEndpointButNotAdminEndpoint() throws Exception {
        String user = tokens.issue("42", List.of(Roles.USER), Duration.ofMinutes(5));
        mvc.perform(get("/things/mine").header("Authorization", "Bearer " + user))
                .andExpect(status().isOk())
                .andExpect(content().string("42"));
        mvc.perform(get("/admin/things").header("Authorization", "Bearer " + user))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    }

    @Test
    void adminTokenReachesAdminEndpoint() throws Exception {
        String admin = tokens.issue("ops", List.of(Roles.ADMIN), Duration.ofMinutes(5));
        mvc.perform(get("/admin/things").header("Authorization", "Bearer " + admin))
                .andExpect(status().isOk());
    }

    @Test
    void requestsAreObservedButNotTheSecurityInsideThem() throws Exception {
        String user = tokens.issue("42", List.of(Roles.USER), Duration.ofMinutes(5));
        mvc.perform(get("/things/mine").header("Authorization", "Bearer " + user))
                .andExpect(status().isOk());
        mvc.perform(get("/admin/things").header("Authorization", "Bearer " + user))
                .andExpect(status().isForbidden());

        ObservedMeters.assertObservedWithoutSecurity(meters, "http.server.requests");
    }

    @Test
    void serviceRuleCanOpenAnEndpoint() throws Exception {
        mvc.perform(get("/open")).andExpect(status().isOk());
    }

    @Test
    void apiProblemKeepsItsStatusCodeAndProperties() throws Exception {
        String user = tokens.issue("42", List.of(Roles.USER), Duration.ofMinutes(5));
        mvc.perform(get("/things/missing").header("Authorization", "Bearer " + user))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("THING_NOT_FOUND"))
                .andExpect(jsonPath("$.detail").value("No thing 9"))
                .andExpect(jsonPath("$.thingId").value(9));
    }

    @Test
    void invalidBodyAnswersValidationFailedWithTheField() throws Exception {
        String user = tokens.issue("42", List.of(Roles.USER), Duration.ofMinutes(5));
        mvc.perform(post("/things")
                        .header("Authorization", "Bearer " + user)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
    }

    @Test
    void malformedJsonAnswersMalformedRequest() throws Exception {
        String user = tokens.issue("42", List.of(Roles.USER), Duration.ofMinutes(5));
        mvc.perform(post("/things")
                        .header("Authorization", "Bearer " + user)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
    }

    @Test
    void nonIntegralNumberForAnIntegerIsRefusedNotTruncated() throws Exception {
        String user = tokens.issue("42", List.of(Roles.USER), Duration.ofMinutes(5));
        for (String quantity : List.of("1.5", "2.0")) {
            mvc.perform(post("/things")
                            .header("Authorization", "Bearer " + user)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\":\"pen\",\"quantity\":" + quantity + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                    .andExpect(jsonPath("$.errors[0].field").value("quantity"));
        }
        mvc.perform(post("/things")
                        .header("Authorization", "Bearer " + user)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"pen\",\"quantity\":2}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.quantity").value(2));
    }

    @Test
    void aPageQueryIsReadFromPageAndSizeWithTheirDefaultsAndBounds() throws Exception {
        String user = tokens.issue("42", List.of(Roles.USER), Duration.ofMinutes(5));
        for (String[] query : List.of(
                new String[] {"", "0/5"},
                new String[] {"?page=&size=", "0/5"},
                new String[] {"?page=3", "3/5"},
                new String[] {"?page=2&size=10", "2/10"})) {
            mvc.perform(get("/things/page" + query[0]).header("Authorization", "Bearer " + user))
                    .andExpect(status().isOk())
                    .andExpect(content().string(query[1]));
        }
        mvc.perform(get("/things/page?page=-1&size=11").header("Authorization", "Bearer " + user))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field").value(contains("page", "size")));
        for (String notAnInteger : List.of("page=two", "size=1.5", "size=99999999999")) {
            mvc.perform(get("/things/page?" + notAnInteger).header("Authorization", "Bearer " + user))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
        }
    }

    @SpringBootApplication
    @EnablePlatformWebSupport
    @org.springframework.context.annotation.Import(ThingController.class) // scanning skips classes nested in tests
    static class TestApplication {

        @Bean
        EndpointAuthorization testRules() {
            return requests -> requests.requestMatchers("/open")
                    .permitAll()
                    .requestMatchers("/admin/**")
                    .hasRole(Roles.ADMIN);
        }
    }

    record NewThing(@NotBlank String name, Integer quantity) {}

    @RestController
    static class ThingController {

        @GetMapping("/things/mine")
        String mine(org.springframework.security.core.Authentication user) {
            return user.getName();
        }

        @GetMapping("/things/missing")
        String missing() {
            throw new ApiProblem(
                    org.springframework.http.HttpStatus.NOT_FOUND,
                    "THING_NOT_FOUND",
                    "No thing 9",
                    java.util.Map.of("thingId", 9));
        }

        @PostMapping("/things")
        NewThing create(@Valid @RequestBody NewThing thing) {
            return thing;
        }

        @GetMapping("/admin/things")
        String adminThings() {
            return "all";
        }

        @GetMapping("/things/page")
        String page(@PageQuery(defaultSize = 5, maxSize = 10) PageWindow window) {
            return window.page() + "/" + window.size();
        }

        @GetMapping("/open")
        String open() {
            return "open";
        }
    }
}
