package dev.orderplatform.goods;

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
 * The goods service's boundaries (docs/architecture.md): it talks to the other services only through the contracts
 * module, reads and writes only its own schema, and it does not use the broker's transactional API (the order protocol's alone).
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orderplatform.goods");

    /** The broker's transactional ("half" message) API: the order protocol's alone. */
    static final String TRANSACTIONAL_API =
            "org\\.apache\\.rocketmq\\.client\\.producer\\.(Transaction.*|LocalTransaction.*)";

    @Test
    void dependsOnOtherServicesOnlyThroughTheContracts() {
        assertThat(CLASSES).isNotEmpty();
        classes()
                .that()
                .resideInAPackage("dev.orderplatform.goods..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("dev.orderplatform..")
                        .or(resideInAnyPackage(
                                "dev.orderplatform.goods..",
                                "dev.orderplatform.contracts..",
                                "dev.orderplatform.web..")))
                .because("services share only the contracts module (and web-support's HTTP conventions)")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("dev.orderplatform.goods..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orderplatform.inventory..",
                        "dev.orderplatform.order..",
                        "dev.orderplatform.launcher..",
                        "dev.orderplatform.operator..")
                .check(CLASSES);
    }

    @Test
    void readsAndWritesOnlyItsOwnSchema() {
        assertThat(ServiceBoundaries.tablesOf("goods")).isNotEmpty();
        assertThat(ServiceBoundaries.foreignReferences("goods"))
                .as("tables outside the schema of the goods service")
                .isEmpty();
    }

    @Test
    void doesNotUseTheTransactionalApi() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveNameMatching(TRANSACTIONAL_API)
                .because("half messages are the order protocol's (docs/protocol.md)")
                .check(CLASSES);
    }
}
