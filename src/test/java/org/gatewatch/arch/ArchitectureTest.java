package org.gatewatch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layout of docs/architecture.md: the packages follow the frame's path (capture → analysis → gate →
 * stream → events → outputs) and imports point one way along it. No package is exempt, the operator's tools included.
 */
class ArchitectureTest {

    private static final String P = "org.gatewatch.";
    private static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.gatewatch");
    }

    private static String[] packages(String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = P + names[i] + "..";
        }
        return out;
    }

    @Test
    void captureKnowsNothingDownstream() {
        noClasses().that().resideInAPackage(P + "capture..")
                .should().dependOnClassesThat().resideInAnyPackage(packages("analysis", "gate", "stream", "camera",
                        "events", "outputs", "people", "db", "web", "http", "app", "cli"))
                .check(classes);
    }

    @Test
    void analysisSeesOnlyFramesNativesAndConfiguration() {
        noClasses().that().resideInAPackage(P + "analysis..")
                .should().dependOnClassesThat().resideInAnyPackage(packages("gate", "stream", "camera", "events",
                        "outputs", "people", "db", "web", "http", "app", "cli"))
                .check(classes);
    }

    @Test
    void theGateDecidesWithoutStreamingOrSending() {
        noClasses().that().resideInAPackage(P + "gate..")
                .should().dependOnClassesThat().resideInAnyPackage(packages("capture", "stream", "camera",
                        "outputs", "db", "web", "http", "app", "cli"))
                .check(classes);
    }

    @Test
    void theStreamKnowsNoVisionStage() {
        noClasses().that().resideInAPackage(P + "stream..")
                .should().dependOnClassesThat().resideInAnyPackage(packages("capture", "analysis", "gate", "natives",
                        "camera", "events", "outputs", "people", "db", "web", "app", "cli"))
                .check(classes);
    }

    @Test
    void eventsAndOutputsKnowNoVisionStage() {
        noClasses().that().resideInAnyPackage(packages("events", "outputs"))
                .should().dependOnClassesThat().resideInAnyPackage(packages("capture", "analysis", "gate", "natives",
                        "stream", "camera", "people", "web", "app", "cli"))
                .check(classes);
    }

    @Test
    void onlyTheEncoderAndTheVisionStagesTouchOpenCv() {
        noClasses().that().resideInAnyPackage(packages("stream", "web", "http", "events", "outputs", "db", "config",
                        "metrics"))
                .and().doNotHaveFullyQualifiedName(P + "stream.JpegEncoder")
                .should().dependOnClassesThat().resideInAPackage("org.opencv..")
                .check(classes);
    }

    @Test
    void visionStagesNeverTouchTheServletApi() {
        noClasses().that().resideInAnyPackage(packages("capture", "natives", "analysis", "gate", "camera", "events",
                        "outputs", "people", "db", "config", "cli"))
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheApplicationTheWebLayerOrTheTools() {
        noClasses().that().resideOutsideOfPackages(packages("app", "web"))
                .should().dependOnClassesThat().resideInAnyPackage(packages("app", "web"))
                .check(classes);
        noClasses().that().resideOutsideOfPackage(P + "cli..")
                .should().dependOnClassesThat().resideInAPackage(P + "cli..")
                .check(classes);
    }

    @Test
    void configurationImportsNothingOfOurs() {
        noClasses().that().resideInAPackage(P + "config..")
                .should().dependOnClassesThat().resideInAnyPackage(packages("app", "capture", "natives", "analysis",
                        "gate", "camera", "stream", "events", "outputs", "people", "db", "web", "http", "cli"))
                .check(classes);
    }

    /** The picture helpers serve the vision stages and the encoder alike, so they see only OpenCV and the JDK. */
    @Test
    void pictureHelpersSeeOnlyOpenCv() {
        classes().that().resideInAPackage(P + "picture..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(P + "picture..", "java..", "org.opencv..")
                .check(classes);
    }

    /**
     * Metrics are read from the outside: the stages keep their own counters and know nothing of Micrometer (analysis
     * is told through its StageTimer), so only metrics/ and the application that wires it see the registry.
     */
    @Test
    void onlyTheMetricsPackageAndTheApplicationTouchMicrometer() {
        noClasses().that().resideOutsideOfPackages(packages("metrics", "app"))
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages(packages("metrics", "app"))
                .should().dependOnClassesThat().resideInAPackage(P + "metrics..")
                .check(classes);
    }

    /**
     * org.gatewatch.tomcat is loaded by Tomcat from its lib/, where the webapp's classes do not exist; and Tomcat's own
     * classes are there only for it, so nothing else may lean on them (the WAR also runs where they differ).
     */
    @Test
    void theTomcatPartStandsAloneAndAloneTouchesTomcat() {
        classes().that().resideInAPackage(P + "tomcat..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(P + "tomcat..", "java..", "jakarta.servlet..",
                        "org.apache.catalina..", "org.apache.juli..", "org.apache.tomcat..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage(P + "tomcat..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.catalina..", "org.apache.juli..",
                        "org.apache.tomcat..", "org.apache.coyote..")
                .check(classes);
    }
}
