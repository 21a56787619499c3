package org.originhub.hub;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
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
 *
 * <p>One arrow is allowed between features: {@code exchange} to {@code delivery.entity}. The delivery state
 * ({@code DeliveryState}, its status and acknowledgement kinds) is part of the {@code ExchangeMessage} aggregate, kept
 * in its own package so that the envelope and the delivery state machine read apart; the exchange feature may hold and
 * show it, but never calls delivery's boundary or control, which depend on the exchange.
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
                .ignoreDependency(resideInAPackage("org.originhub.hub.exchange.."),
                        resideInAPackage("org.originhub.hub.delivery.entity.."))
                .because("a feature that needs to tell one above it something fires an event").check(hub);
    }

    @Test
    void layersDependOneWay() {
        slices().matching("org.originhub.hub.(**)").should().beFreeOfCycles()
                .because("boundary uses control and entity, control uses entity, never the other way").check(hub);
    }
}
