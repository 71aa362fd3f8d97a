package dev.orderplatform.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The stock audit of the order service ({@code POST /api/v1/audit}, admin): given the initial stock of the run's goods
 * it checks, for each of them, {@code initial = stock + quantities in WAIT_BUYER_PAY/TRADE_SUCCESS orders}, no negative
 * stock, every DEDUCTED sell record belongs to a live order and every closed or absent order's record is RETURNED.
 * Answer: {@code {"consistent", "violations": [{"type", "goodsId", "orderSns", "detail", "expected", "actual"}],
 * "goodsIds", "orders", "liveOrders", "deductedRecords", "returnedRecords", "equationChecked"}}.
 */
record AuditResult(
        boolean answered,
        boolean consistent,
        List<JsonNode> violations,
        Set<String> offendingOrders,
        JsonNode raw,
        String error) {

    static final String PATH = "/api/v1/audit";

    static Map<String, Object> request(Map<Long, Integer> initialStock) {
        Map<String, Object> stock = new LinkedHashMap<>();
        initialStock.forEach((goodsId, units) -> stock.put(String.valueOf(goodsId), units));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("initialStock", stock);
        body.put("goodsIds", List.copyOf(initialStock.keySet()));
        return body;
    }

    static AuditResult of(PlatformApi.Answer answer) {
        if (!answer.ok() || !answer.body().has("consistent")) {
            String error = "audit answered HTTP " + answer.status() + ": "
                    + answer.raw().substring(0, Math.min(300, answer.raw().length()));
            return new AuditResult(false, false, List.of(), Set.of(), answer.body(), error);
        }
        JsonNode body = answer.body();
        List<JsonNode> violations = new ArrayList<>();
        Set<String> orders = new LinkedHashSet<>();
        for (JsonNode violation : body.path("violations")) {
            violations.add(violation);
            for (JsonNode orderSn : violation.path("orderSns")) {
                orders.add(orderSn.asString());
            }
        }
        boolean consistent = body.get("consistent").asBoolean()
                && violations.isEmpty()
                && body.path("equationChecked").asBoolean(true);
        return new AuditResult(true, consistent, violations, orders, body, null);
    }

    int violationCount() {
        return answered ? violations.size() : -1;
    }

    /** "3 violations (equation x2, deducted-not-live x1)" or "consistent". */
    String summary() {
        if (!answered) {
            return error;
        }
        if (consistent) {
            return "consistent";
        }
        Map<String, Integer> byType = new LinkedHashMap<>();
        for (JsonNode violation : violations) {
            byType.merge(violation.path("type").asString("unknown"), 1, Integer::sum);
        }
        return violations.size() + " violation(s) " + byType;
    }

    long number(String field) {
        return raw.path(field).asLong(-1);
    }
}
