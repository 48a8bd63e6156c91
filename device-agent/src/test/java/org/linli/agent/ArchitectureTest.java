package org.linli.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Pi4J and Paho stay behind our own interfaces: only {@code hardware} and {@code mqtt} use them, and {@code Agent}
 * and {@code Main}, which wire everything. The door, occupancy, outbox and the rest are plain Java that tests drive
 * without a board or a broker.
 */
class ArchitectureTest {
    private final JavaClasses agent = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // our classes only; the rules need the names of Pi4J's and Paho's classes, not their bytecode
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.linli.agent");

    @Test
    void onlyHardwareAndWiringUsePi4j() {
        noClasses().that().resideOutsideOfPackage("org.linli.agent.hardware..")
                .and().doNotHaveFullyQualifiedName(Agent.class.getName())
                .and().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().dependOnClassesThat().resideInAPackage("com.pi4j..")
                .check(agent);
    }

    @Test
    void onlyTheMqttLinkAndWiringUsePaho() {
        noClasses().that().resideOutsideOfPackage("org.linli.agent.mqtt..")
                .and().doNotHaveFullyQualifiedName(Agent.class.getName())
                .and().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..")
                .check(agent);
    }

    @Test
    void logicPackagesDoNotReachIntoTheWiring() {
        noClasses().that().resideInAnyPackage("org.linli.agent.door..", "org.linli.agent.occupancy..",
                        "org.linli.agent.outbox..", "org.linli.agent.commands..", "org.linli.agent.config..",
                        "org.linli.agent.identify..")
                .should().dependOnClassesThat().haveFullyQualifiedName(Main.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(Agent.class.getName())
                .check(agent);
    }
}
