package dev.orderplatform.inventory;

import dev.orderplatform.infra.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The inventory service's boundaries (docs/architecture.md): it talks to the other services only through the contracts
 * module, reads and writes only its own schema, and does not use the broker's transactional API.
 */
class ArchitectureTest {

    private static final ServiceArchitecture INVENTORY = new ServiceArchitecture("inventory");

    @Test
    void dependsOnOtherServicesOnlyThroughTheContracts() {
        INVENTORY.dependsOnOtherServicesOnlyThroughTheContracts();
    }

    @Test
    void readsAndWritesOnlyItsOwnSchema() {
        INVENTORY.readsAndWritesOnlyItsOwnSchema();
    }

    @Test
    void doesNotUseTheTransactionalApi() {
        INVENTORY.usesTheTransactionalApiOnlyIn();
    }
}
