package dev.orderplatform.goods.catalogue;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

interface GoodsRepository extends ListCrudRepository<Goods, Long>, ListPagingAndSortingRepository<Goods, Long> {}
