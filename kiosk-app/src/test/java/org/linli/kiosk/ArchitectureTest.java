package org.linli.kiosk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.linli.kiosk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** MVVM: ViewModels are plain logic with properties, testable without a screen. */
    @ArchTest
    static final ArchRule viewModelsKnowNoScreen = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..");

    /** The central link, scanning and printing work without any UI. */
    @ArchTest
    static final ArchRule logicNeverDependsOnUi = noClasses()
            .that().resideInAnyPackage("org.linli.kiosk.central..", "org.linli.kiosk.scan..", "org.linli.kiosk.print..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.linli.kiosk.ui..");

    @ArchTest
    static final ArchRule idleAndNavigationKnowNoScreen = noClasses()
            .that().haveSimpleNameEndingWith("IdleTimer").or().haveSimpleNameEndingWith("StaffExit")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..");

    /**
     * Memory on a Pi: Jackson's data binding and {@code java.net.http} cost some 1,100 classes (metaspace, their caches,
     * TLS set up even for plain HTTP, a selector thread per client) for the few answers a kiosk reads; the streaming
     * parser ({@code central.Json}) and {@code HttpURLConnection} do the same work (kiosk-app/README.md, "Memory").
     */
    @ArchTest
    static final ArchRule noHeavyClientLibraries = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..", "java.net.http..");
}
