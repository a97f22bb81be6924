package org.gatewatch.bench.pedestrians;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatewatch.analysis.pedestrians.Detection;
import org.gatewatch.cli.AnalyzeCommand;
import org.gatewatch.config.PedestrianConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline pedestrian analysis on real footage: OpenCV's vtest.avi (Debian package opencv-doc, installed by
 * `bin/gatewatch test`), scored against the hand labels in src/test/resources/labels. The expected figures are
 * what this code measured on 25 November 2026 (bench-people: precision 0.961, recall 0.970, 36 tracks, 15 in and
 * 14 out across the line below), with room for the small differences between machines; on 6 December, with the
 * `auto` detector and tracks resting, 0.962 and 1.000, 32 tracks, 15 in and 13 out.
 */
public class PedestrianAnalysisIT {

    private static final Path VTEST = PedestrianBenchmark.VTEST;
    /** A vertical line through the middle of the walkway; "in" is walking right to left across it. */
    private static final String LINE = "people.countingLine=384,150,384,450";

    private static String csv;
    private static AnalyzeCommand.Summary summary;

    @BeforeAll
    public static void analyzeVtestOnce() throws IOException {
        if (!Files.isReadable(VTEST)) {
            System.out.println("PedestrianAnalysisIT skipped: " + VTEST + " is missing (apt-get install opencv-doc; "
                    + "bin/gatewatch test installs it)");
        }
        assumeTrue(Files.isReadable(VTEST), VTEST + " is missing (apt-get install opencv-doc)");
        PedestrianConfig config = AnalyzeCommand.loadConfig(null, List.of(LINE));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            summary = AnalyzeCommand.analyze(VTEST, config, Long.MAX_VALUE, out);
        }
        csv = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void everyFrameIsAnalysedAndEveryRowIsAPersonInsideThePicture() {
        assertEquals(795, summary.frames());
        String[] lines = csv.split("\n");
        assertEquals(AnalyzeCommand.HEADER, lines[0]);
        assertEquals(summary.rows(), lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            long frame = Long.parseLong(f[0]);
            int x = Integer.parseInt(f[2]);
            int y = Integer.parseInt(f[3]);
            int w = Integer.parseInt(f[4]);
            int h = Integer.parseInt(f[5]);
            assertTrue(frame >= 0 && frame < 795, lines[i]);
            assertTrue(w > 0 && h >= 30 && h < 300 && x + w > 0 && x < 768 && y + h > 0 && y < 576, lines[i]);
        }
    }

    @Test
    public void peopleAreFoundWithPrecisionAndRecallAboveEightyFivePercent() throws IOException, URISyntaxException {
        PedestrianScore score = PedestrianScore.score(labels(), detections());
        System.out.printf("PedestrianAnalysisIT: precision %.3f recall %.3f count MAE %.2f, %d tracks, in %d out %d%n",
                score.precision(), score.recall(), score.countMae(), summary.tracks(), summary.in(), summary.out());
        assertTrue(score.precision() >= 0.85, "precision " + score.precision());
        assertTrue(score.recall() >= 0.85, "recall " + score.recall());
        assertTrue(score.countMae() <= 0.6, "count error " + score.countMae());
    }

    @Test
    public void eachWalkerKeepsATrackSoTrackAndLineCountsMatchWhatWasMeasured() {
        // 36 tracks measured (32 now): ±25 % allows a few split or merged tracks elsewhere, not a tracker that lost
        // its memory.
        assertTrue(summary.tracks() >= 27 && summary.tracks() <= 45, "tracks " + summary.tracks());
        assertTrue(summary.in() >= 12 && summary.in() <= 18, "in " + summary.in());
        assertTrue(summary.out() >= 11 && summary.out() <= 17, "out " + summary.out());
        Set<String> ids = new HashSet<>();
        for (String line : csv.split("\n")) {
            if (!line.startsWith("frame")) {
                ids.add(line.split(",")[1]);
            }
        }
        assertEquals(summary.tracks(), ids.size(), "every confirmed track appears in the CSV");
    }

    @Test
    public void motionGatingLeavesMostOfThePictureUnscanned() {
        assertTrue(summary.meanScannedShare() < 0.4, "scanned " + summary.meanScannedShare());
    }

    @Test
    public void lookingForTrackedWalkersEveryOtherFrameScansLessAndFindsThemAsWell() throws Exception {
        PedestrianConfig everyFrame = AnalyzeCommand.loadConfig(null, List.of(LINE, "people.track.lookEvery=1"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AnalyzeCommand.Summary each;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            each = AnalyzeCommand.analyze(VTEST, everyFrame, Long.MAX_VALUE, out);
        }
        PedestrianScore resting = PedestrianScore.score(labels(), detections());
        PedestrianScore looking = PedestrianScore.score(labels(), detections(bytes.toString(StandardCharsets.UTF_8)));
        System.out.printf("PedestrianAnalysisIT: scanned %.3f of the picture (every frame: %.3f), precision %.3f "
                + "recall %.3f (every frame: %.3f %.3f)%n", summary.meanScannedShare(), each.meanScannedShare(),
                resting.precision(), resting.recall(), looking.precision(), looking.recall());
        // Measured: 0.229 against 0.304, and the same recall; a resting track is shown at its prediction.
        assertTrue(summary.meanScannedShare() < 0.85 * each.meanScannedShare(),
                summary.meanScannedShare() + " against " + each.meanScannedShare());
        assertTrue(resting.recall() >= looking.recall() - 0.03, resting.recall() + " against " + looking.recall());
        assertTrue(resting.precision() >= looking.precision() - 0.03,
                resting.precision() + " against " + looking.precision());
    }

    @Test
    public void unreadableInputExitsWithStatusTwoAndNoCsv() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(2, AnalyzeCommand.run(new String[] {"/nonexistent/video.avi"}, out));
        Path notAVideo = Files.createTempFile("not-a-video", ".avi");
        try {
            Files.writeString(notAVideo, "hello");
            assertEquals(2, AnalyzeCommand.run(new String[] {notAVideo.toString()}, out));
        } finally {
            Files.delete(notAVideo);
        }
        assertEquals(2, AnalyzeCommand.run(new String[] {VTEST.toString(), "--set", "people.hog.strid=8"}, out));
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("frame,"), "no CSV header for a failed run");
    }

    private static PedestrianLabels labels() throws IOException, URISyntaxException {
        return PedestrianLabels.read(Path.of(PedestrianAnalysisIT.class.getResource("/labels/vtest.csv").toURI()));
    }

    private static Map<Long, List<Detection>> detections() throws IOException {
        return detections(csv);
    }

    private static Map<Long, List<Detection>> detections(String csv) throws IOException {
        Path file = Files.createTempFile("vtest", ".csv");
        try {
            Files.writeString(file, csv);
            return PedestrianLabels.readAnalysis(file);
        } finally {
            Files.delete(file);
        }
    }
}
