package org.originhub.hub;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps hub-ejb's packages free of cycles: between features ({@code exchange}, {@code lifecycle}, {@code delivery},
 * ...), and one level down between the layers of each feature and of different features ({@code exchange.boundary},
 * {@code exchange.control}, {@code exchange.entity}, ...), so that every dependency runs one way.
 */
class PackageCyclesTest {

    private static JavaClasses hub;

    @BeforeAll
    static void importHub() {
        hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.originhub.hub");
    }

    @Test
    void featuresDependOneWay() {
        slices().matching("org.originhub.hub.(*)..").should().beFreeOfCycles()
                .because("a feature that needs to tell one above it something fires an event").check(hub);
    }

    @Test
    void layersDependOneWay() {
        slices().matching("org.originhub.hub.(**)").should().beFreeOfCycles()
                .because("boundary uses control and entity, control uses entity, never the other way").check(hub);
    }
}
