package dev.orderplatform.inventory.sell;

import dev.orderplatform.web.openapi.AdminEndpoint;
import dev.orderplatform.web.openapi.ProblemResponse;
import dev.orderplatform.web.problem.ErrorCodes;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sell records for administration and the stock audit (ADMIN only). */
@RestController
@AdminEndpoint
@RequestMapping(path = "/api/v1/sell-records", produces = MediaType.APPLICATION_JSON_VALUE)
class SellRecordController {

    private final SellService sells;

    SellRecordController(SellService sells) {
        this.sells = sells;
    }

    @GetMapping("/{orderSn}")
    @ProblemResponse(status = 404, codes = SellErrors.SELL_RECORD_NOT_FOUND, description = "No record of this order.")
    SellRecordView get(@PathVariable String orderSn) {
        return SellRecordView.of(sells.get(orderSn));
    }

    /**
     * Records in ascending order-number order; the next page starts after the last order number of this one
     * ({@code nextAfter}, absent on the last page).
     */
    @GetMapping
    @ProblemResponse(status = 400, codes = ErrorCodes.VALIDATION_FAILED, description = "size out of range.")
    SellRecordPage list(
            @RequestParam(required = false) SellStatus status,
            @RequestParam(required = false) Instant createdBefore,
            @RequestParam(required = false) String after,
            @Parameter(
                            description = "0 means the default",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "0",
                                            maximum = "" + SellService.MAX_PAGE_SIZE,
                                            defaultValue = "" + SellService.DEFAULT_PAGE_SIZE))
                    @RequestParam(defaultValue = "100")
                    int size) {
        List<SellRecordView> records = sells.list(status, createdBefore, after, size, false).stream()
                .map(SellRecordView::of)
                .toList();
        // A full page may have a successor; a shorter one is the last.
        int pageSize = size == 0 ? SellService.DEFAULT_PAGE_SIZE : size;
        String nextAfter = records.isEmpty() || records.size() < pageSize
                ? null
                : records.getLast().orderSn();
        return new SellRecordPage(records, nextAfter);
    }

    record SellRecordPage(List<SellRecordView> records, String nextAfter) {}

    record SellRecordView(
            String orderSn,
            SellStatus status,
            boolean tombstone,
            boolean settled,
            List<SellRecordItem> items,
            Instant createdAt,
            Instant updatedAt) {

        static SellRecordView of(SellRecord record) {
            return new SellRecordView(
                    record.orderSn(),
                    record.status(),
                    record.isTombstone(),
                    record.settled(),
                    record.sortedItems(),
                    record.createdAt(),
                    record.updatedAt());
        }
    }
}
