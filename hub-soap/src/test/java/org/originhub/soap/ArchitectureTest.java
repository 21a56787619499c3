package org.originhub.soap;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps hub-soap's packages free of cycles: the generated contract at the bottom, the security pipeline above it,
 * the exchange, registry, delivery and info endpoints above that, and the plumbing (the servlet that publishes them)
 * on top.
 */
class ArchitectureTest {

    private static JavaClasses soap;

    @BeforeAll
    static void importSoap() {
        soap = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.originhub.soap");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.originhub.soap.(*)..").should().beFreeOfCycles().check(soap);
    }

    @Test
    void subpackagesAreFreeOfCycles() {
        slices().matching("org.originhub.soap.(*).(*)..").should().beFreeOfCycles().check(soap);
    }
}
