package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WAR that Maven packaged holds the product and nothing else: benchmarks, their scoring and their labelled
 * footage live in the test sources (org.gatewatch.bench) and run through bin/java-tool, never inside Tomcat.
 * Runs after {@code package}, on the file users deploy.
 */
class WarContentsIT {

    private static final String CLASSES = "WEB-INF/classes/";
    /** Where benchmarks and evaluation code live; nothing of it belongs in the WAR. */
    private static final String BENCH_PACKAGE = CLASSES + "org/gatewatch/bench/";
    /** The hand labels the pedestrian benchmark scores against (src/test/resources/labels). */
    private static final String LABELS = CLASSES + "labels/";
    /**
     * Words that name a benchmark or its scoring (FaceBenchmark, GateTiming, PedestrianLabels, PedestrianScore,
     * ProcessSampler), matched as whole CamelCase words of a class's simple name, so a benchmark class that lands in
     * another package is caught too.
     */
    private static final Pattern BENCHMARK_NAME =
            Pattern.compile("(Benchmark|Bench|Timings?|Labels|Score|Sampler)(?![a-z])");
    /** The operator's tools ship with the product (bin/gatewatch analyze, faces): their absence means a bad WAR. */
    private static final List<String> PRODUCT_CLASSES = List.of(
            CLASSES + "org/gatewatch/cli/AnalyzeCommand.class",
            CLASSES + "org/gatewatch/cli/FacesTool.class",
            CLASSES + "org/gatewatch/app/GateWatchListener.class");

    private static List<String> entries;

    @BeforeAll
    static void readWar() throws IOException {
        Path war = TestPaths.warFile();
        assertTrue(Files.isRegularFile(war), "no WAR at " + war + ": run mvn -DskipTests package");
        try (ZipFile zip = new ZipFile(war.toFile())) {
            entries = zip.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void warHoldsTheOperatorsToolsAndTheApp() {
        List<String> missing = PRODUCT_CLASSES.stream().filter(c -> !entries.contains(c)).toList();
        assertTrue(missing.isEmpty(), () -> TestPaths.warFile() + " lacks product classes it must ship:\n  "
                + String.join("\n  ", missing));
    }

    @Test
    void warHoldsNoBenchmarkOrEvaluationClass() {
        List<String> offending = entries.stream().filter(WarContentsIT::isBenchmarkOrEvaluation).toList();
        assertTrue(offending.isEmpty(), () -> TestPaths.warFile() + " contains " + offending.size()
                + " benchmark or evaluation entries; they belong in src/test/java/org/gatewatch/bench (test"
                + " resources for data), run through bin/java-tool, not in src/main:\n  "
                + String.join("\n  ", offending));
    }

    private static boolean isBenchmarkOrEvaluation(String entry) {
        if (entry.endsWith("/")) {
            return false; // a folder alone ships no code
        }
        if (entry.startsWith(BENCH_PACKAGE) || entry.startsWith(LABELS)) {
            return true;
        }
        if (!entry.startsWith(CLASSES) || !entry.endsWith(".class")) {
            return false;
        }
        String simpleName = entry.substring(entry.lastIndexOf('/') + 1, entry.length() - ".class".length());
        int nested = simpleName.indexOf('$');
        return BENCHMARK_NAME.matcher(nested < 0 ? simpleName : simpleName.substring(0, nested)).find();
    }
}
