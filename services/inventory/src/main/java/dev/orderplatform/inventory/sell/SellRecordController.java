package dev.orderplatform.inventory.sell;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sell records for administration and the stock audit (ADMIN only). */
@RestController
@RequestMapping("/api/v1/sell-records")
class SellRecordController {

    private final SellService sells;

    SellRecordController(SellService sells) {
        this.sells = sells;
    }

    @GetMapping("/{orderSn}")
    SellRecordView get(@PathVariable String orderSn) {
        return SellRecordView.of(sells.get(orderSn));
    }

    /**
     * Records in ascending order-number order; the next page starts after the last order number of this one
     * ({@code nextAfter}, absent on the last page).
     */
    @GetMapping
    SellRecordPage list(@RequestParam(required = false) SellStatus status,
            @RequestParam(required = false) Instant createdBefore,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") int size) {
        List<SellRecordView> records = sells.list(status, createdBefore, after, size, false).stream()
                .map(SellRecordView::of).toList();
        // A full page may have a successor; a shorter one is the last.
        int pageSize = size == 0 ? SellService.DEFAULT_PAGE_SIZE : size;
        String nextAfter = records.isEmpty() || records.size() < pageSize ? null : records.getLast().orderSn();
        return new SellRecordPage(records, nextAfter);
    }

    record SellRecordPage(List<SellRecordView> records, String nextAfter) {
    }

    record SellRecordView(String orderSn, SellStatus status, boolean tombstone, boolean settled,
            List<SellRecordItem> items, Instant createdAt, Instant updatedAt) {

        static SellRecordView of(SellRecord record) {
            return new SellRecordView(record.orderSn(), record.status(), record.isTombstone(), record.settled(),
                    record.sortedItems(), record.createdAt(), record.updatedAt());
        }
    }
}
