package org.linli.kiosk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The kiosk's shape: feature packages (home, checkin, queue, rooms, activities, rating, card,
 * mybookings) each with a ViewModel
 * and a View; {@code session} for what the ViewModels share (who is at the kiosk, the idle reset, navigation,
 * background work), free of any screen; {@code ui} for the widgets and the frame; {@code central}, {@code scan} and
 * {@code print} for the outside world. The root package wires them together.
 */
@AnalyzeClasses(packages = "org.linli.kiosk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** MVVM: ViewModels are plain logic with properties, testable without a screen. */
    @ArchTest
    static final ArchRule viewModelsKnowNoScreen = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.linli.kiosk.ui..");

    /** What the ViewModels share knows no screen and no widget: session support is not UI. */
    @ArchTest
    static final ArchRule sessionKnowsNoScreen = noClasses().that().resideInAPackage("org.linli.kiosk.session..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.linli.kiosk.ui..");

    /** The central link, scanning and printing work without any UI. */
    @ArchTest
    static final ArchRule logicNeverDependsOnUi = noClasses()
            .that().resideInAnyPackage("org.linli.kiosk.central..", "org.linli.kiosk.scan..", "org.linli.kiosk.print..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.linli.kiosk.ui..",
                    "org.linli.kiosk.session..");

    /** The widgets are shared by every screen and know none of them. */
    @ArchTest
    static final ArchRule widgetsKnowNoFeature = noClasses().that().resideInAPackage("org.linli.kiosk.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.linli.kiosk.home..", "org.linli.kiosk.checkin..",
                    "org.linli.kiosk.queue..", "org.linli.kiosk.rooms..", "org.linli.kiosk.activities..",
                    "org.linli.kiosk.rating..", "org.linli.kiosk.card..", "org.linli.kiosk.mybookings..");

    /** Packages below the root depend on each other in one direction only. */
    @ArchTest
    static final ArchRule noCycles = slices().matching("org.linli.kiosk.(*)..").should().beFreeOfCycles();

    /** Only the root package wires the kiosk: no feature reaches back into it. */
    @ArchTest
    static final ArchRule featuresDoNotReachTheRoot = noClasses().that().resideOutsideOfPackage("org.linli.kiosk")
            .should().dependOnClassesThat().resideInAPackage("org.linli.kiosk");

    /**
     * The kiosk only calls the central service; it serves nothing. (The hand-written stand-in central service that
     * the screenshot tour used to carry in the production jar was an HTTP server; the tour now runs in test scope
     * against the real one.)
     */
    @ArchTest
    static final ArchRule servesNothing = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("com.sun.net.httpserver..", "io.helidon..");

    /** A View is built by the root wiring and talks to its own ViewModel, not to another feature's View. */
    @ArchTest
    static final ArchRule viewsAreLeaves = classes().that().haveSimpleNameEndingWith("View")
            .and().resideOutsideOfPackage("org.linli.kiosk.ui..")
            .should().onlyHaveDependentClassesThat().resideInAPackage("org.linli.kiosk");

    /**
     * Memory on a Pi: Jackson's data binding and {@code java.net.http} cost some 1,100 classes (metaspace, their caches,
     * TLS set up even for plain HTTP, a selector thread per client) for the few answers a kiosk reads; the streaming
     * parser ({@code central.Json}) and {@code HttpURLConnection} do the same work (kiosk-app/README.md, "Memory").
     */
    @ArchTest
    static final ArchRule noHeavyClientLibraries = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..", "java.net.http..");
}
