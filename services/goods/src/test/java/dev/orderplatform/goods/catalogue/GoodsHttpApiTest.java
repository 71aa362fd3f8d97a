package dev.orderplatform.goods.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.orderplatform.goods.GoodsServiceTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

class GoodsHttpApiTest extends GoodsServiceTest {

    private static final String GOODS = "/api/v1/goods";

    @Test
    void adminCreatesGoodsThatAnyoneCanRead() throws Exception {
        String name = uniqueName("Kettle");
        String location = create("""
                {"name": "%s", "price": 12.50, "imageUrl": "https://img.example/kettle.png", "onSale": true}
                """.formatted(name))
                .andExpect(status().isCreated())
                .andExpect(header().string(
                                HttpHeaders.LOCATION, org.hamcrest.Matchers.matchesPattern(".*/api/v1/goods/\\d+")))
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.price").value("12.50"))
                .andExpect(jsonPath("$.imageUrl").value("https://img.example/kettle.png"))
                .andExpect(jsonPath("$.onSale").value(true))
                .andReturn()
                .getResponse()
                .getHeader(HttpHeaders.LOCATION);

        mvc.perform(get(location)) // no token: browsing is open
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.price").value("12.50"))
                .andExpect(jsonPath("$.createdAt").isString());
    }

    @Test
    void priceIsKeptExactlyWhetherSentAsNumberOrString() throws Exception {
        assertThat(priceStoredFor("0.1")).isEqualTo("0.10");
        assertThat(priceStoredFor("\"19.99\"")).isEqualTo("19.99");
        assertThat(priceStoredFor("9999999999.99")).isEqualTo("9999999999.99"); // beyond a double's exactness
        assertThat(priceStoredFor("\"1234567.89\"")).isEqualTo("1234567.89");
        assertThat(priceStoredFor("7")).isEqualTo("7.00");
        assertThat(priceStoredFor("1e2")).isEqualTo("100.00");
        assertThat(priceStoredFor("12.500")).isEqualTo("12.50"); // no digit lost
        assertThat(priceStoredFor("0")).isEqualTo("0.00");
    }

    @Test
    void storedPriceIsTheExactDecimalInTheDatabase() throws Exception {
        String name = uniqueName("Ledger");
        create("""
                {"name": "%s", "price": "4503599627370.49"}
                """.formatted(name)).andExpect(status().isBadRequest()); // 13 integer digits: too large
        long id = idOf(create("""
                {"name": "%s", "price": "4503599627.37"}
                """.formatted(name)).andExpect(status().isCreated()));
        java.math.BigDecimal stored =
                jdbc.queryForObject("SELECT price FROM goods WHERE id = ?", java.math.BigDecimal.class, id);
        assertThat(stored).isEqualByComparingTo("4503599627.37").hasScaleOf(2);
        assertThat(rowsNamed(name)).isEqualTo(1);
    }

    @Test
    void omittedOptionalFieldsTakeTheirDefaults() throws Exception {
        String name = uniqueName("Plain");
        create("""
                {"name": "%s", "price": 3}
                """.formatted(name))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.onSale").value(true))
                .andExpect(jsonPath("$.imageUrl").doesNotExist());
    }

    @Test
    void adminUpdatesEveryField() throws Exception {
        String name = uniqueName("Lamp");
        long id = idOf(create("""
                {"name": "%s", "price": "30.00", "imageUrl": "https://img.example/lamp.png"}
                """.formatted(name)));
        String renamed = uniqueName("Desk lamp");

        mvc.perform(put(GOODS + "/" + id)
                        .header(HttpHeaders.AUTHORIZATION, adminToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "%s", "price": 27.9, "onSale": false}
                                """.formatted(renamed)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.name").value(renamed))
                .andExpect(jsonPath("$.price").value("27.90"))
                .andExpect(jsonPath("$.onSale").value(false))
                .andExpect(jsonPath("$.imageUrl").doesNotExist()); // full replacement

        mvc.perform(get(GOODS + "/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(renamed))
                .andExpect(jsonPath("$.price").value("27.90"))
                .andExpect(jsonPath("$.onSale").value(false));
        assertThat(rowsNamed(name)).isZero();
    }

    @Test
    void listIsPagedInIdOrder() throws Exception {
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(idOf(create("""
                    {"name": "%s", "price": "1.0%d"}
                    """.formatted(uniqueName("Pencil " + i), i))));
        }

        mvc.perform(get(GOODS).param("page", "0").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.totalElements").isNumber())
                .andExpect(jsonPath("$.totalPages").isNumber());

        // Walk every page (the table is shared with other tests): ids strictly ascend across pages, and ours appear.
        List<Long> seen = new ArrayList<>();
        int totalPages;
        int page = 0;
        do {
            String body = mvc.perform(
                            get(GOODS).param("page", String.valueOf(page)).param("size", "100"))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            List<Number> ids = JsonPath.read(body, "$.items[*].id");
            ids.forEach(id -> seen.add(id.longValue()));
            totalPages = JsonPath.read(body, "$.totalPages");
            page++;
        } while (page < totalPages);
        assertThat(seen).isSorted().doesNotHaveDuplicates().containsAll(mine);

        mvc.perform(get(GOODS)) // defaults: page 0, size 20
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20));
    }

    @Test
    void badPageParametersAreRefused() throws Exception {
        for (String size : List.of("0", "101", "-5")) {
            mvc.perform(get(GOODS).param("size", size))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                    .andExpect(jsonPath("$.errors[0].field").value("size"));
        }
        for (String page : List.of("-1", String.valueOf(Integer.MAX_VALUE))) { // the latter: an offset beyond int
            mvc.perform(get(GOODS).param("page", page).param("size", "100"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                    .andExpect(jsonPath("$.errors[0].field").value("page"));
        }
        mvc.perform(get(GOODS).param("size", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
    }

    @Test
    void unknownGoodsIsNotFound() throws Exception {
        mvc.perform(get(GOODS + "/" + Long.MAX_VALUE))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("GOODS_NOT_FOUND"))
                .andExpect(jsonPath("$.goodsId").value(Long.MAX_VALUE));
        String name = uniqueName("Ghost");
        mvc.perform(put(GOODS + "/" + Long.MAX_VALUE)
                        .header(HttpHeaders.AUTHORIZATION, adminToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "%s", "price": 1}
                                """.formatted(name)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("GOODS_NOT_FOUND"));
        assertThat(rowsNamed(name)).isZero();
        mvc.perform(get(GOODS + "/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
    }

    @Test
    void invalidCreateIsRefusedAndWritesNothing() throws Exception {
        assertCreateRefused("{\"price\": 5}", "name");
        assertCreateRefused("{\"name\": \"   \", \"price\": 5}", "name");
        String name = uniqueName("Broken");
        assertCreateRefused("{\"name\": \"%s\"}".formatted(name), "price");
        assertCreateRefused("{\"name\": \"%s\", \"price\": -0.01}".formatted(name), "price");
        assertCreateRefused("{\"name\": \"%s\", \"price\": \"-3\"}".formatted(name), "price");
        assertCreateRefused("{\"name\": \"%s\", \"price\": \"12,50\"}".formatted(name), "price");
        assertCreateRefused("{\"name\": \"%s\", \"price\": \"abc\"}".formatted(name), "price");
        assertCreateRefused("{\"name\": \"%s\", \"price\": \"NaN\"}".formatted(name), "price");
        assertCreateRefused("{\"name\": \"%s\", \"price\": 12.345}".formatted(name), "price");
        assertCreateRefused("{\"name\": \"%s\", \"price\": true}".formatted(name), "price");
        assertCreateRefused("{\"name\": \"%s\", \"price\": 10000000000}".formatted(name), "price");
        assertCreateRefused(
                "{\"name\": \"%s\", \"price\": 1, \"imageUrl\": \"not a url\"}".formatted(name), "imageUrl");
        assertCreateRefused("{\"name\": \"%s\", \"price\": 1}".formatted("x".repeat(201)), "name");
        assertThat(rowsNamed(name)).isZero();

        mvc.perform(post(GOODS)
                        .header(HttpHeaders.AUTHORIZATION, adminToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"%s\", ".formatted(name)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        mvc.perform(post(GOODS)
                        .header(HttpHeaders.AUTHORIZATION, adminToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"%s\", \"price\": {\"amount\": 1}}".formatted(name)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        assertThat(rowsNamed(name)).isZero();
    }

    @Test
    void everyBrokenFieldIsReportedAtOnce() throws Exception {
        create("{\"name\": \"\", \"price\": -1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("name")))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("price")));
    }

    @Test
    void invalidUpdateIsRefusedAndChangesNothing() throws Exception {
        String name = uniqueName("Mug");
        long id = idOf(create("""
                {"name": "%s", "price": "8.20", "imageUrl": "https://img.example/mug.png"}
                """.formatted(name)));

        for (String body : List.of(
                "{\"price\": 9}",
                "{\"name\": \"Cup\", \"price\": -9}",
                "{\"name\": \"Cup\", \"price\": \"9.999\"}",
                "{\"name\": \"Cup\", \"price\": \"nine\"}")) {
            mvc.perform(put(GOODS + "/" + id)
                            .header(HttpHeaders.AUTHORIZATION, adminToken())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }

        mvc.perform(get(GOODS + "/" + id))
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.price").value("8.20"))
                .andExpect(jsonPath("$.imageUrl").value("https://img.example/mug.png"));
    }

    @Test
    void writesNeedTheAdminRole() throws Exception {
        String name = uniqueName("Contraband");
        String body = "{\"name\": \"%s\", \"price\": 1}".formatted(name);

        mvc.perform(post(GOODS).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(post(GOODS)
                        .header(HttpHeaders.AUTHORIZATION, userToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(post(GOODS)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isUnauthorized());
        assertThat(rowsNamed(name)).isZero();

        String original = uniqueName("Vase");
        long id = idOf(create("{\"name\": \"%s\", \"price\": 40}".formatted(original)));
        mvc.perform(put(GOODS + "/" + id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(put(GOODS + "/" + id)
                        .header(HttpHeaders.AUTHORIZATION, userToken())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get(GOODS + "/" + id).header(HttpHeaders.AUTHORIZATION, userToken())) // a shopper may browse
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(original))
                .andExpect(jsonPath("$.price").value("40.00"));
    }

    @Test
    void probesAndMetricsAreOpen() throws Exception {
        mvc.perform(get("/actuator/health/liveness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes")));
    }

    private ResultActions create(String json) throws Exception {
        return mvc.perform(post(GOODS)
                .header(HttpHeaders.AUTHORIZATION, adminToken())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private long idOf(ResultActions created) throws Exception {
        String body = created.andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    private String priceStoredFor(String jsonPrice) throws Exception {
        String name = uniqueName("Priced");
        long id = idOf(create("{\"name\": \"%s\", \"price\": %s}".formatted(name, jsonPrice)));
        String body = mvc.perform(get(GOODS + "/" + id))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$.price");
    }

    private void assertCreateRefused(String json, String field) throws Exception {
        create(json)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem(field)));
    }
}
