package dev.orderplatform.goods;

import dev.orderplatform.infra.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The goods service's boundaries (docs/architecture.md): it talks to the other services only through the contracts
 * module, reads and writes only its own schema, and does not use the broker's transactional API.
 */
class ArchitectureTest {

    private static final ServiceArchitecture GOODS = new ServiceArchitecture("goods");

    @Test
    void dependsOnOtherServicesOnlyThroughTheContracts() {
        GOODS.dependsOnOtherServicesOnlyThroughTheContracts();
    }

    @Test
    void readsAndWritesOnlyItsOwnSchema() {
        GOODS.readsAndWritesOnlyItsOwnSchema();
    }

    @Test
    void doesNotUseTheTransactionalApi() {
        GOODS.usesTheTransactionalApiOnlyIn();
    }
}
