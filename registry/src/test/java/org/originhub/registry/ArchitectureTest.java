package org.originhub.registry;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the registry's features free of package cycles: a feature that must tell a lower one's neighbours
 * something (a CRL revokes gateway certificates and signers, a certificate is already registered) fires an event
 * they observe instead of importing them.
 */
class ArchitectureTest {

    private static JavaClasses registry;

    @BeforeAll
    static void importRegistry() {
        registry = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.originhub.registry");
    }

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("org.originhub.registry.(*)..").should().beFreeOfCycles().check(registry);
    }

    @Test
    void layersWithinAFeatureAreFreeOfCycles() {
        slices().matching("org.originhub.registry.(*).(*)..").should().beFreeOfCycles().check(registry);
    }
}
