package dev.orderplatform.inventory.stock;

import org.springframework.data.repository.ListCrudRepository;

public interface StockRepository extends ListCrudRepository<Stock, Long> {}
