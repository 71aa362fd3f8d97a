package dev.orderplatform.inventory;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderplatform.contracts.PlatformServices;
import dev.orderplatform.inventory.parking.ParkingService;
import dev.orderplatform.inventory.sell.SellService;
import dev.orderplatform.inventory.stock.StockService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** The administrative HTTP API: ADMIN only, problem details with stable codes. */
class AdminHttpApiTest extends InventoryServiceTest {

    @Autowired
    SellService sells;

    @Autowired
    ParkingService parking;

    @Test
    void everyEndpointNeedsTheAdminRole() throws Exception {
        long goods = goodsWithStock(5);
        String orderSn = freshOrderSn();
        for (String path : new String[] {
            "/api/v1/stocks/" + goods,
            "/api/v1/sell-records/" + orderSn,
            "/api/v1/sell-records",
            "/api/v1/parked-messages"
        }) {
            mvc.perform(get(path))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
            mvc.perform(get(path).header("Authorization", userToken()))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("FORBIDDEN"));
            mvc.perform(get(path).header("Authorization", orderServiceToken())).andExpect(status().isForbidden());
        }
        for (String caller : new String[] {userToken(), orderServiceToken()}) {
            mvc.perform(put("/api/v1/stocks/" + goods)
                            .header("Authorization", caller)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"stock\": 0}"))
                    .andExpect(status().isForbidden());
        }
        org.assertj.core.api.Assertions.assertThat(stockOf(goods)).isEqualTo(5);
    }

    /** The order service's gRPC credential gives it nothing over HTTP. */
    private String orderServiceToken() {
        return "Bearer "
                + tokens.issueServiceToken(PlatformServices.ORDER, PlatformServices.INVENTORY, Duration.ofMinutes(5));
    }

    @Test
    void stockCanBeSetAndRead() throws Exception {
        long goods = freshGoodsId();
        mvc.perform(get("/api/v1/stocks/" + goods).header("Authorization", adminToken()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("STOCK_NOT_FOUND"));

        mvc.perform(put("/api/v1/stocks/" + goods)
                        .header("Authorization", adminToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stock\": 42}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.goodsId").value(goods))
                .andExpect(jsonPath("$.stock").value(42));
        mvc.perform(get("/api/v1/stocks/" + goods).header("Authorization", adminToken()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stock").value(42))
                .andExpect(jsonPath("$.updatedAt").exists());
    }

    @Test
    void invalidStockIsRefused() throws Exception {
        long goods = goodsWithStock(5);
        for (String body : new String[] {"{\"stock\": -1}", "{}", "{\"stock\": 1.5}"}) {
            mvc.perform(put("/api/v1/stocks/" + goods)
                            .header("Authorization", adminToken())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                    .andExpect(jsonPath("$.errors[0].field").value("stock"));
        }
        mvc.perform(put("/api/v1/stocks/" + goods)
                        .header("Authorization", adminToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stock\": \"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        mvc.perform(get("/api/v1/stocks/abc").header("Authorization", adminToken()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
        org.assertj.core.api.Assertions.assertThat(stockOf(goods)).isEqualTo(5);
    }

    @Test
    void stockAboveTheMaximumIsRefusedAndChangesNothing() throws Exception {
        long goods = goodsWithStock(5);
        mvc.perform(put("/api/v1/stocks/" + goods)
                        .header("Authorization", adminToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stock\": " + (StockService.MAX_STOCK + 1) + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("STOCK_LIMIT_EXCEEDED"))
                .andExpect(jsonPath("$.maxStock").value(StockService.MAX_STOCK));
        org.assertj.core.api.Assertions.assertThat(stockOf(goods)).isEqualTo(5);

        mvc.perform(put("/api/v1/stocks/" + goods)
                        .header("Authorization", adminToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stock\": " + StockService.MAX_STOCK + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stock").value(StockService.MAX_STOCK));
    }

    @Test
    void sellRecordShowsStatusItemsAndTimes() throws Exception {
        long first = goodsWithStock(5);
        long second = goodsWithStock(5);
        String orderSn = freshOrderSn();
        mvc.perform(get("/api/v1/sell-records/" + orderSn).header("Authorization", adminToken()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("SELL_RECORD_NOT_FOUND"));

        sell(orderSn, second, 1, first, 2);
        mvc.perform(get("/api/v1/sell-records/" + orderSn).header("Authorization", adminToken()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderSn").value(orderSn))
                .andExpect(jsonPath("$.status").value("DEDUCTED"))
                .andExpect(jsonPath("$.tombstone").value(false))
                .andExpect(jsonPath("$.items[0].goodsId").value(first))
                .andExpect(jsonPath("$.items[0].quantity").value(2))
                .andExpect(jsonPath("$.items[1].goodsId").value(second))
                .andExpect(jsonPath("$.createdAt").exists())
                .andExpect(jsonPath("$.updatedAt").exists());

        sells.returnStock(orderSn);
        mvc.perform(get("/api/v1/sell-records")
                        .param("status", "RETURNED")
                        .param("after", orderSn.substring(0, 30))
                        .param("size", "1000")
                        .header("Authorization", adminToken()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.records[?(@.orderSn == '" + orderSn + "')].status")
                        .value("RETURNED"));
        mvc.perform(get("/api/v1/sell-records").param("size", "1001").header("Authorization", adminToken()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void parkedMessagesArePaged() throws Exception {
        String key = freshOrderSn();
        parking.park(
                "MSG" + key, "order_reback", key, "{\"orderSn\":1}".getBytes(StandardCharsets.UTF_8), "test reason", 0);

        mvc.perform(get("/api/v1/parked-messages").param("size", "500").header("Authorization", adminToken()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.items[?(@.key == '" + key + "')].reason").value("test reason"))
                .andExpect(
                        jsonPath("$.items[?(@.key == '" + key + "')].bodyText").value("{\"orderSn\":1}"));
        for (String query : new String[] {"size=0", "size=501", "page=-1", "page=2147483647&size=500"}) {
            mvc.perform(get("/api/v1/parked-messages?" + query).header("Authorization", adminToken()))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                    .andExpect(jsonPath("$.errors[0].field").value(query.startsWith("size") ? "size" : "page"));
        }
    }

    @Test
    void probesAndMetricsAreOpen() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        sell(freshOrderSn(), goodsWithStock(1), 1);
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("inventory_sells_total{")))
                .andExpect(content().string(containsString("outcome=\"deducted\"")));
    }
}
