package dev.orderplatform.order;

import dev.orderplatform.infra.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The order service's boundaries (docs/architecture.md): it talks to the other services only through the contracts
 * module, reads and writes only its own schema, and only its protocol package uses the broker's transactional API
 * (everything else goes through OrderProtocol).
 */
class ArchitectureTest {

    private static final ServiceArchitecture ORDER = new ServiceArchitecture("order");

    @Test
    void dependsOnOtherServicesOnlyThroughTheContracts() {
        ORDER.dependsOnOtherServicesOnlyThroughTheContracts();
    }

    @Test
    void readsAndWritesOnlyItsOwnSchema() {
        ORDER.readsAndWritesOnlyItsOwnSchema();
    }

    @Test
    void onlyTheProtocolUsesTheTransactionalApi() {
        ORDER.usesTheTransactionalApiOnlyIn("dev.orderplatform.order.protocol..");
    }
}
