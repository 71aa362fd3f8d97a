package dev.orderplatform.inventory.parking;

import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.Repository;

public interface ParkedMessageRepository
        extends Repository<ParkedMessage, Long>, ListPagingAndSortingRepository<ParkedMessage, Long> {

    java.util.Optional<ParkedMessage> findByMessageId(String messageId);
}
