package dev.orderplatform.order;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orderplatform.infra.architecture.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/**
 * The order service's boundaries (docs/architecture.md): it talks to the other services only through the contracts
 * module, reads and writes only its own schema, and only its protocol package uses the broker's transactional API.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orderplatform.order");

    /** The broker's transactional ("half" message) API: the order protocol's alone. */
    static final String TRANSACTIONAL_API =
            "org\\.apache\\.rocketmq\\.client\\.producer\\.(Transaction.*|LocalTransaction.*)";

    @Test
    void dependsOnOtherServicesOnlyThroughTheContracts() {
        assertThat(CLASSES).isNotEmpty();
        classes()
                .that()
                .resideInAPackage("dev.orderplatform.order..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("dev.orderplatform..")
                        .or(resideInAnyPackage(
                                "dev.orderplatform.order..",
                                "dev.orderplatform.contracts..",
                                "dev.orderplatform.web..")))
                .because("services share only the contracts module (and web-support's HTTP conventions)")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("dev.orderplatform.order..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orderplatform.goods..",
                        "dev.orderplatform.inventory..",
                        "dev.orderplatform.launcher..",
                        "dev.orderplatform.operator..")
                .check(CLASSES);
    }

    @Test
    void readsAndWritesOnlyItsOwnSchema() {
        assertThat(ServiceBoundaries.tablesOf("order")).isNotEmpty();
        assertThat(ServiceBoundaries.foreignReferences("order"))
                .as("tables outside the schema of the order service")
                .isEmpty();
    }

    @Test
    void onlyTheProtocolUsesTheTransactionalApi() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.orderplatform.order.protocol..")
                .should()
                .dependOnClassesThat()
                .haveNameMatching(TRANSACTIONAL_API)
                .because("half messages, their local transactions and check-backs are the protocol's "
                        + "(docs/protocol.md); everything else goes through OrderProtocol")
                .check(CLASSES);
    }
}
