package dev.orderplatform.order.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal JSON-over-HTTP client of one order application, as a user or an admin would call it. */
public final class OrderApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The body of every order the tests create: where it goes. */
    public static final Map<String, String> ORDER_DETAILS =
            Map.of("address", "1 Test Street", "name", "Tess", "mobile", "13800000000");

    private final String base;

    public OrderApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, JsonNode body) {
        public String code() {
            return body == null || body.get("code") == null
                    ? null
                    : body.get("code").asString();
        }

        public String text(String field) {
            return body.get(field).asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** An unauthenticated GET answering the status and the raw body (probes, Prometheus). */
    public String raw(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + "\n" + response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String token, String path) {
        return send(token, "GET", path, null);
    }

    public Response post(String token, String path, Object body) {
        return send(token, "POST", path, body);
    }

    public Response patch(String token, String path, Object body) {
        return send(token, "PATCH", path, body);
    }

    public Response delete(String token, String path) {
        return send(token, "DELETE", path, null);
    }

    /** Puts a goods into the cart, then orders the selected items. */
    public Response order(String token, Map<Long, Integer> items) {
        items.forEach((goods, quantity) -> {
            Response put = post(token, "/api/v1/cart/items", Map.of("goodsId", goods, "quantity", quantity));
            if (put.status() >= 300) {
                throw new AssertionError("cart: " + put);
            }
        });
        return post(token, "/api/v1/orders", ORDER_DETAILS);
    }

    public Response send(String token, String method, String path, Object body) {
        return send(token, method, path, body, Map.of());
    }

    /** A request with extra headers, e.g. {@code Idempotency-Key}. */
    public Response send(String token, String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json =
                    response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
