package dev.orderplatform.goods.catalogue;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code goods} table. The lookups by id, one SELECT each, run in the caller's transaction if there is one and
 * else without any: Spring Data's default read-only transaction around them cost three more round trips to the
 * database (autocommit off, commit, autocommit on) on every order's catalogue lookup.
 */
interface GoodsRepository extends ListCrudRepository<Goods, Long>, ListPagingAndSortingRepository<Goods, Long> {

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    Optional<Goods> findById(Long id);

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    List<Goods> findAllById(Iterable<Long> ids);
}
