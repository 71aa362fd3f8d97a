package dev.orderplatform.goods.catalogue;

import dev.orderplatform.web.openapi.AdminEndpoint;
import dev.orderplatform.web.openapi.ProblemResponse;
import dev.orderplatform.web.openapi.PublicEndpoint;
import dev.orderplatform.web.paging.PageQuery;
import dev.orderplatform.web.paging.PageWindow;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The catalogue over HTTP: reads are open (browsing needs no token), writes need the ADMIN role
 * ({@link GoodsSecurity}). Prices are written as strings with two fraction digits ({@code "12.50"}) and read
 * from a JSON number or string, exactly.
 */
@RestController
@RequestMapping(path = GoodsController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
class GoodsController {

    static final String PATH = "/api/v1/goods";

    private final GoodsCatalogue catalogue;

    GoodsController(GoodsCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    @PublicEndpoint
    GoodsPage list(@PageQuery(defaultSize = 20, maxSize = GoodsCatalogue.MAX_PAGE_SIZE) PageWindow window) {
        return GoodsPage.of(catalogue.list(window));
    }

    @GetMapping("/{id}")
    @PublicEndpoint
    @ProblemResponse(status = 404, codes = GoodsErrorCodes.GOODS_NOT_FOUND, description = "No goods with this id.")
    GoodsView get(@PathVariable long id) {
        return GoodsView.of(catalogue.get(id));
    }

    @PostMapping
    @AdminEndpoint
    @ApiResponse(
            responseCode = "201",
            description = "Created; Location names the new goods",
            useReturnTypeSchema = true)
    ResponseEntity<GoodsView> create(@RequestBody GoodsRequest request) {
        Goods created = catalogue.create(request.toDraft());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(created.id())
                .toUri();
        return ResponseEntity.created(location).body(GoodsView.of(created));
    }

    /** Replaces the whole product: omitted optional fields take their defaults, as on create. */
    @PutMapping("/{id}")
    @AdminEndpoint
    @ProblemResponse(status = 404, codes = GoodsErrorCodes.GOODS_NOT_FOUND, description = "No goods with this id.")
    GoodsView update(@PathVariable long id, @RequestBody GoodsRequest request) {
        return GoodsView.of(catalogue.update(id, request.toDraft()));
    }

    /**
     * Body of create and update.
     *
     * @param price a JSON number or string, taken exactly: {@code 12.5}, {@code "12.50"}
     * @param onSale optional, {@code true} when omitted
     */
    record GoodsRequest(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    maxLength = GoodsRules.MAX_NAME_LENGTH,
                    description = "not blank; trimmed")
            String name,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "12.50",
                    description = "a decimal number, not negative, at most 2 fraction digits; a JSON number or string")
            @JsonDeserialize(using = PriceTextDeserializer.class)
            String price,

            @Schema(maxLength = GoodsRules.MAX_IMAGE_URL_LENGTH, format = "uri", description = "blank means none")
            String imageUrl,

            @Schema(defaultValue = "true") Boolean onSale) {

        GoodsDraft toDraft() {
            return new GoodsDraft(name, price, imageUrl, onSale == null || onSale);
        }
    }

    record GoodsView(
            long id, String name, String price, String imageUrl, boolean onSale, String createdAt, String updatedAt) {

        static GoodsView of(Goods goods) {
            return new GoodsView(
                    goods.id(),
                    goods.name(),
                    goods.priceText(),
                    goods.imageUrl(),
                    goods.onSale(),
                    goods.createdAt().toString(),
                    goods.updatedAt().toString());
        }
    }

    record GoodsPage(List<GoodsView> items, int page, int size, long totalElements, int totalPages) {

        static GoodsPage of(Page<Goods> page) {
            return new GoodsPage(
                    page.getContent().stream().map(GoodsView::of).toList(),
                    page.getNumber(),
                    page.getSize(),
                    page.getTotalElements(),
                    page.getTotalPages());
        }
    }
}
