package org.originhub.gatewaykit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The kit is what a member state receives: it is built from the published contracts alone, so none of its classes
 * may use the hub's own code (the Maven scopes keep the jars out of its runtime; this keeps the imports out).
 */
class KitIndependenceTest {

    private final JavaClasses kit = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.originhub.gatewaykit");

    @Test
    void theKitUsesNoHubModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.originhub.soap..", "org.originhub.registry..", "org.originhub.hub..", "org.originhub.db..",
                "org.originhub.web..")
                .check(kit);
    }

    @Test
    void theClientDoesNotDependOnTheCommandLineOrTheSimulator() {
        noClasses().that().resideInAnyPackage("org.originhub.gatewaykit.client..",
                "org.originhub.gatewaykit.security..")
                .should().dependOnClassesThat().resideInAnyPackage("org.originhub.gatewaykit.cli..",
                        "org.originhub.gatewaykit.simulator..")
                .check(kit);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.originhub.gatewaykit.(*)..").should().beFreeOfCycles().check(kit);
    }
}
