package org.linli.central;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the central service (docs/decisions/0008-central-service-layout.md): feature packages without cycles,
 * wired in one place ({@code Components}, {@code Main}); HTTP at the edge, in the {@code *Service} classes and
 * {@code web}; the database behind the features' own classes; refusals mapped to HTTP by {@code web.Problems} alone.
 */
class ArchitectureTest {
    private static final String ROOT = "org.linli.central";
    private final JavaClasses central = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // our classes only; the rules need the names of Helidon's and JDBC's classes, not their bytecode
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);

    /**
     * Libraries the service needs only at start (or once a month) stay out of its class loader, so that their classes
     * are unloaded afterwards (README.md: benchmarks, ingest, eighth round): Flyway only in store.Migrations, which
     * loads itself apart; SnakeYAML only through YamlConfig.parse; Apache POI not at all (fastexcel writes Excel).
     */
    @Test
    void startUpLibrariesAreLoadedApart() {
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".store.Migrations")
                .should().dependOnClassesThat().resideInAPackage("org.flywaydb..")
                .check(central);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.yaml.snakeyaml..", "org.apache.poi..")
                .check(central);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(central);
    }

    @Test
    void onlyTheWiringRootKnowsTheWiringRoot() {
        noClasses().that().resideInAPackage(ROOT + ".*..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(central);
    }

    @Test
    void webTypesStayInServicesAndTheWebPackage() {
        noClasses().that().resideOutsideOfPackages(ROOT, ROOT + ".web..")
                .and().haveSimpleNameNotEndingWith("Service")
                .should().dependOnClassesThat().resideInAnyPackage("io.helidon.webserver..", "io.helidon.http..")
                .check(central);
    }

    @Test
    void servicesReachTheDatabaseOnlyThroughTheirFeature() {
        noClasses().that().haveSimpleNameEndingWith("Service")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", ROOT + ".store..")
                .check(central);
    }

    @Test
    void theWebLayerStoresNothing() {
        noClasses().that().resideInAPackage(ROOT + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", ROOT + ".store..")
                .check(central);
    }

    @Test
    void featuresRefuseInTheirOwnTermsAndOnlyTheWebLayerSpeaksHttpProblems() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".web..")
                .and().haveSimpleNameNotEndingWith("Service")
                .should().dependOnClassesThat().haveSimpleName("ProblemException")
                .check(central);
    }
}
