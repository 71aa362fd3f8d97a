package dev.orderplatform.infra.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.elements.ClassesShould;
import java.util.List;

/**
 * The rules every service's architecture test checks (docs/architecture.md), for one service: it talks to the other
 * services only through the contracts module, reads and writes only its own schema, and uses the broker's
 * transactional API only where the order protocol lives.
 */
public final class ServiceArchitecture {

    /** The broker's transactional ("half" message) API: the order protocol's alone. */
    private static final String TRANSACTIONAL_API =
            "org\\.apache\\.rocketmq\\.client\\.producer\\.(Transaction.*|LocalTransaction.*)";

    private static final List<String> OTHER_DEPLOYABLES = List.of("launcher", "operator");

    private final String service;
    private final String servicePackage;
    private final JavaClasses classes;

    /** {@code service} as in {@link ServiceBoundaries#SCHEMAS}; its classes are {@code dev.orderplatform.<service>}. */
    public ServiceArchitecture(String service) {
        this.service = service;
        this.servicePackage = "dev.orderplatform." + service;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes of the " + service + " service on the class path");
        }
    }

    public void dependsOnOtherServicesOnlyThroughTheContracts() {
        classes()
                .that()
                .resideInAPackage(servicePackage + "..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("dev.orderplatform..")
                        .or(resideInAnyPackage(
                                servicePackage + "..", "dev.orderplatform.contracts..", "dev.orderplatform.web..")))
                .because("services share only the contracts module (and web-support's HTTP conventions)")
                .check(classes);
        String[] others = ServiceBoundaries.SCHEMAS.keySet().stream()
                .filter(other -> !other.equals(service))
                .map(other -> "dev.orderplatform." + other + "..")
                .toArray(String[]::new);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(OTHER_DEPLOYABLES.stream()
                        .map(deployable -> "dev.orderplatform." + deployable + "..")
                        .toArray(String[]::new))
                .check(classes);
    }

    public void readsAndWritesOnlyItsOwnSchema() {
        if (ServiceBoundaries.tablesOf(service).isEmpty()) {
            throw new AssertionError("no tables found in the migrations of the " + service + " service");
        }
        List<String> foreign = ServiceBoundaries.foreignReferences(service);
        if (!foreign.isEmpty()) {
            throw new AssertionError("tables outside the schema of the " + service + " service: " + foreign);
        }
    }

    /** No class outside {@code allowedPackages} (none: the service does not use it at all) uses the transactional API. */
    public void usesTheTransactionalApiOnlyIn(String... allowedPackages) {
        ClassesShould checked = allowedPackages.length == 0
                ? noClasses().should()
                : noClasses().that(resideOutsideOfPackages(allowedPackages)).should();
        checked.dependOnClassesThat()
                .haveNameMatching(TRANSACTIONAL_API)
                .because("half messages, their local transactions and check-backs are the order protocol's"
                        + " (docs/protocol.md)")
                .check(classes);
    }
}
