package dev.orderplatform.inventory.sell;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

/** Reads of the sell-record aggregate. Writes are the protocol's conditional SQL in {@link SellService}. */
public interface SellRecordRepository extends Repository<SellRecord, String> {

    Optional<SellRecord> findById(String orderSn);

    List<SellRecord> findAllById(Iterable<String> orderSns);
}
