package org.linli.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** hub-protocol is the contract: it depends on no framework and on nothing else of ours. */
class ArchitectureTest {
    private final JavaClasses protocol = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.linli.protocol");

    @Test
    void dependsOnlyOnTheJdkJacksonCoreAndZxing() {
        // Jackson's streaming core, not databind: the device agent cannot afford databind's class metadata
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.linli.protocol..", "java..", "javax.imageio..", "com.fasterxml.jackson.core..",
                        "com.google.zxing..")
                .check(protocol);
    }
}
