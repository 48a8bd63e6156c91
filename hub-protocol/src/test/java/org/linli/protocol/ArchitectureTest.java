package org.linli.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * hub-protocol is the contract: it depends on no framework and on nothing else of ours. Its one more library, SnakeYAML
 * for the programs' shared configuration loader, is reached only reflectively (IsolatedYaml), so no class that
 * another module loads refers to it.
 */
class ArchitectureTest {
    private static final String YAML_PARSER = "org.linli.protocol.config.YamlParser";

    private final JavaClasses protocol = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.linli.protocol");

    @Test
    void dependsOnlyOnTheJdkJacksonCoreAndZxing() {
        // Jackson's streaming core, not databind: the device agent cannot afford databind's class metadata
        classes().that().doNotHaveFullyQualifiedName(YAML_PARSER).should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.linli.protocol..", "java..", "javax.imageio..", "com.fasterxml.jackson.core..",
                        "com.google.zxing..")
                .check(protocol);
    }

    /** SnakeYAML only in the configuration's parser, which the others load in a class loader of its own. */
    @Test
    void onlyTheIsolatedParserSeesSnakeYaml() {
        classes().that().haveFullyQualifiedName(YAML_PARSER).should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.yaml.snakeyaml..")
                .check(protocol);
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName(YAML_PARSER).check(protocol);
    }
}
