package dev.orderplatform.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The blocking admin-side client of the load suite (setup and verdict, never the load itself): goods and stock
 * administration, reading a user's order, the stock audit.
 */
final class PlatformApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An HTTP answer: status and the body as JSON (a missing or non-JSON body is an empty object). */
    record Answer(int status, JsonNode body, String raw) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final PlatformUnderTest platform;

    PlatformApi(PlatformUnderTest platform) {
        this.platform = platform;
    }

    /** Creates an on-sale goods and returns its id. */
    long createGoods(String name, String price) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("price", price);
        body.put("imageUrl", "https://img.example/loadtest/" + name.replaceAll("\\W+", "-") + ".png");
        body.put("onSale", true);
        Answer answer = expectOk(
                send("POST", platform.goodsUrl() + "/api/v1/goods", platform.adminToken(), body),
                "create goods " + name);
        return answer.body().get("id").asLong();
    }

    void setStock(long goodsId, int stock) {
        expectOk(
                send(
                        "PUT",
                        platform.inventoryUrl() + "/api/v1/stocks/" + goodsId,
                        platform.adminToken(),
                        Map.of("stock", stock)),
                "set the stock of goods " + goodsId);
    }

    int stock(long goodsId) {
        Answer answer = expectOk(
                send("GET", platform.inventoryUrl() + "/api/v1/stocks/" + goodsId, platform.adminToken(), null),
                "read the stock of goods " + goodsId);
        return answer.body().get("stock").asInt();
    }

    /** The order as its owner sees it. */
    Answer order(String userToken, String orderSn) {
        return send("GET", platform.orderUrl() + "/api/v1/orders/" + orderSn, userToken, null);
    }

    /** The stock audit with the initial stock of the goods this run created. */
    Answer audit(Map<Long, Integer> initialStock) {
        return send(
                "POST",
                platform.orderUrl() + AuditResult.PATH,
                platform.adminToken(),
                AuditResult.request(initialStock));
    }

    /**
     * The order service's Prometheus counters of one metric, by the value of one label, e.g. {@code
     * orderplatform_rocketmq_requests_total} by {@code kind}; empty where the metric is absent (a mode without it).
     */
    Map<String, Double> orderCounters(String metric, String label) {
        Map<String, Double> counters = new LinkedHashMap<>();
        String body;
        try {
            body = http.send(
                            HttpRequest.newBuilder(URI.create(platform.orderUrl() + "/actuator/prometheus"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Accept", "text/plain")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return counters;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return counters;
        }
        Pattern line = Pattern.compile("^" + metric + "\\{.*\\b" + label + "=\"([^\"]*)\".*\\} (\\S+)$");
        for (String text : body.split("\n")) {
            Matcher matcher = line.matcher(text);
            if (matcher.matches()) {
                counters.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
            }
        }
        return counters;
    }

    Answer send(String method, String url, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
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
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            return new Answer(0, JSON.createObjectNode(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling " + url, e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static Answer expectOk(Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException("Could not " + what + ": HTTP " + answer.status() + " " + answer.raw());
        }
        return answer;
    }
}
