package dev.orderplatform.launcher;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Puts demo goods with stock into a running platform through its admin HTTP APIs, as an operator would. */
final class DemoSeed {

    record DemoGoods(long id, String name, BigDecimal price, int stock) {}

    private static final List<Map<String, Object>> CATALOGUE = List.of(
            Map.of("name", "Espresso beans 1 kg", "price", "18.90", "stock", 500),
            Map.of("name", "Pour-over kettle", "price", "42.00", "stock", 120),
            Map.of("name", "Ceramic cup", "price", "9.50", "stock", 1000),
            Map.of("name", "Hand grinder", "price", "89.00", "stock", 40),
            Map.of("name", "Limited edition roast", "price", "29.99", "stock", 5));

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI goodsUrl;
    private final URI inventoryUrl;
    private final String adminToken;

    DemoSeed(URI goodsUrl, URI inventoryUrl, String adminToken) {
        this.goodsUrl = goodsUrl;
        this.inventoryUrl = inventoryUrl;
        this.adminToken = adminToken;
    }

    List<DemoGoods> seed() {
        List<DemoGoods> seeded = new ArrayList<>();
        for (Map<String, Object> item : CATALOGUE) {
            JsonNode goods = send(
                    "POST",
                    goodsUrl.resolve("/api/v1/goods"),
                    Map.of(
                            "name",
                            item.get("name"),
                            "price",
                            item.get("price"),
                            "imageUrl",
                            "https://img.example/" + item.get("name").toString().replace(' ', '-') + ".png",
                            "onSale",
                            true));
            long id = goods.get("id").asLong();
            int stock = (Integer) item.get("stock");
            send("PUT", inventoryUrl.resolve("/api/v1/stocks/" + id), Map.of("stock", stock));
            seeded.add(new DemoGoods(
                    id,
                    item.get("name").toString(),
                    new BigDecimal(item.get("price").toString()),
                    stock));
        }
        return seeded;
    }

    private JsonNode send(String method, URI url, Object body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
