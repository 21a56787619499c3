package org.originhub.web;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module seams: {@code db <- registry <- hub-ejb <- {hub-soap, hub-web}}, with hub-soap and hub-web never
 * depending on each other, the edges (SOAP endpoints, web) never touching the EntityManager, only hub-ejb's
 * {@code cluster} package talking to the data grid, and hub-web's own packages (console, api, security, errors,
 * health) free of cycles; and nothing of the bench (its load generator, its bare echo) in the hub.
 */
class ArchitectureTest {

    private static JavaClasses hub;

    @BeforeAll
    static void importHub() {
        hub = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.originhub");
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        for (String module : new String[] {"org.originhub.db", "org.originhub.registry", "org.originhub.hub",
            "org.originhub.soap", "org.originhub.web"}) {
            org.assertj.core.api.Assertions.assertThat(hub.stream()
                    .anyMatch(c -> c.getPackageName().startsWith(module)))
                    .as("classes of %s imported", module).isTrue();
        }
    }

    @Test
    void modulesDependOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("db").definedBy("org.originhub.db..")
                .layer("registry").definedBy("org.originhub.registry..")
                .layer("hub-ejb").definedBy("org.originhub.hub..")
                .layer("hub-soap").definedBy("org.originhub.soap..")
                .layer("hub-web").definedBy("org.originhub.web..")
                .whereLayer("hub-web").mayNotBeAccessedByAnyLayer()
                .whereLayer("hub-soap").mayNotBeAccessedByAnyLayer()
                .whereLayer("hub-ejb").mayOnlyBeAccessedByLayers("hub-soap", "hub-web")
                .whereLayer("registry").mayOnlyBeAccessedByLayers("hub-ejb", "hub-soap", "hub-web")
                .check(hub);
    }

    @Test
    void theBenchStaysOutOfTheHub() {
        noClasses().should().resideInAPackage("org.originhub.bench..")
                .because("the bench and its bare signed echo run beside the hub (the echo is a WAR of its own on the "
                        + "same Payara Micro), never inside its WAR")
                .check(hub);
    }

    @Test
    void edgesHoldNoEntityManager() {
        noClasses().that().resideInAnyPackage("org.originhub.soap..", "org.originhub.web..")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .because("endpoints, resources and Faces beans translate and delegate to boundaries")
                .check(hub);
    }

    @Test
    void onlyTheClusterPackageTalksToTheDataGrid() {
        noClasses().that().resideOutsideOfPackage("org.originhub.hub.cluster..")
                .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
                .because("the data grid is Payara's, present only when clustering is on: one package adapts it, and "
                        + "everything else works without it")
                .check(hub);
    }

    @Test
    void webPackagesAreFreeOfCycles() {
        slices().matching("org.originhub.web.(*)..").should().beFreeOfCycles().check(hub);
    }

    @Test
    void webSubpackagesAreFreeOfCycles() {
        slices().matching("org.originhub.web.(*).(*)..").should().beFreeOfCycles().check(hub);
    }
}
