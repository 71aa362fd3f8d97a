package dev.orderplatform.inventory.sell;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * What the inventory did for one order number. Read through Spring Data JDBC; written only by
 * {@link SellService}'s conditional SQL, because its unique key and status are the protocol.
 *
 * @param settled DEDUCTED for a paid order: the reconciliation need not look at it again
 */
@Table("sell_record")
public record SellRecord(
        @Id String orderSn,
        SellStatus status,
        boolean settled,
        Instant createdAt,
        Instant updatedAt,
        @MappedCollection(idColumn = "order_sn") Set<SellRecordItem> items) {

    /** Items by goods id; empty for a tombstone. */
    public List<SellRecordItem> sortedItems() {
        return items.stream()
                .sorted(Comparator.comparingLong(SellRecordItem::goodsId))
                .toList();
    }

    /** A RETURNED record without items: the return came before (or instead of) the Sell (A4). */
    public boolean isTombstone() {
        return status == SellStatus.RETURNED && items.isEmpty();
    }
}
