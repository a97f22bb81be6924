package org.gatewatch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md: imports point one way along the frame's path. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.gatewatch");
    }

    @Test
    void streamingAndWebNeverTouchOpenCv() {
        noClasses().that().resideInAnyPackage("org.gatewatch.stream..", "org.gatewatch.web..", "org.gatewatch.http..",
                        "org.gatewatch.events..", "org.gatewatch.people..")
                .should().dependOnClassesThat().resideInAPackage("org.opencv..")
                .check(classes);
    }

    @Test
    void visionStagesNeverTouchTheServletApi() {
        noClasses().that().resideInAnyPackage("org.gatewatch.capture..", "org.gatewatch.detect..",
                        "org.gatewatch.recognize..", "org.gatewatch.track..", "org.gatewatch.pipeline..",
                        "org.gatewatch.analysis..", "org.gatewatch.config..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheApplicationOrTheWebLayer() {
        noClasses().that().resideOutsideOfPackages("org.gatewatch.app..", "org.gatewatch.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gatewatch.app..", "org.gatewatch.web..")
                .check(classes);
    }

    // tools: bench-analysis times the real GateAnalysis rather than a copy of its per-frame logic.
    @Test
    void onlyTheCameraAssemblyAndTheToolsUseThePipeline() {
        noClasses().that().resideOutsideOfPackages("org.gatewatch.pipeline..", "org.gatewatch.camera..",
                        "org.gatewatch.app..", "org.gatewatch.tools..")
                .should().dependOnClassesThat().resideInAPackage("org.gatewatch.pipeline..")
                .check(classes);
    }

    @Test
    void configurationImportsNothingOfOurs() {
        noClasses().that().resideInAPackage("org.gatewatch.config..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gatewatch.app..", "org.gatewatch.capture..",
                        "org.gatewatch.camera..", "org.gatewatch.pipeline..", "org.gatewatch.stream..",
                        "org.gatewatch.web..", "org.gatewatch.http..")
                .check(classes);
    }
}
