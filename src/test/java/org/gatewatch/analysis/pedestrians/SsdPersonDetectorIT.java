package org.gatewatch.analysis.pedestrians;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.gatewatch.bench.pedestrians.PedestrianLabels;
import org.gatewatch.capture.FfmpegSource;
import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.config.PedestrianSection;
import org.gatewatch.natives.InferenceThreads;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The SSD person detector on real footage through the real OpenCV and TensorFlow Lite natives and the model the build
 * fetched: the two walkers of a hand-labelled mid-range frame (vtest.avi's frame 40, cut and enlarged as
 * bin/close-footage does; labels in src/test/resources/labels/close), nobody in a frame of foliage, and a person who
 * never moves reported within a second by the analysis with {@code people.detector = auto}, and tracks at a change of
 * view: kept for the people still in view, ended for the rest.
 */
class SsdPersonDetectorIT {

    private static final Path DATA = Path.of("/usr/share/doc/opencv-doc/examples/data");
    private static Mat walkers;
    private static Mat foliage;

    @BeforeAll
    static void readFrames() throws IOException {
        boolean present = Files.isReadable(DATA.resolve("vtest.avi")) && Files.isReadable(DATA.resolve("tree.avi"));
        if (!present) {
            System.out.println("SsdPersonDetectorIT skipped: opencv-doc's vtest.avi and tree.avi are missing "
                    + "(apt-get install opencv-doc; bin/gatewatch test installs it)");
        }
        assumeTrue(present, "opencv-doc is not installed");
        OpenCvRuntime.load();
        Mat frame = frame(DATA.resolve("vtest.avi"), 40);
        walkers = new Mat();
        Imgproc.resize(frame.submat(new Rect(464, 200, 256, 192)), walkers, new Size(768, 576), 0, 0,
                Imgproc.INTER_CUBIC);
        foliage = frame(DATA.resolve("tree.avi"), 30);
    }

    @Test
    void theLabelledWalkersAreFoundAndNothingElse() throws IOException, URISyntaxException {
        List<PedestrianLabels.Person> people = PedestrianLabels.read(Path.of(getClass()
                .getResource("/labels/close/vtest-close.csv").toURI())).frames().get(40L);
        List<Detection> found;
        try (SsdPersonDetector ssd = SsdPersonDetector.create()) {
            found = new NonMaxSuppression(0.4, 0.7).apply(ssd.detect(walkers));
        }
        assertEquals(people.size(), found.size(), "found " + found);
        for (PedestrianLabels.Person p : people) {
            assertTrue(found.stream().anyMatch(d -> d.iou(p.box()) >= 0.5), p + " not found in " + found);
        }
    }

    @Test
    void aLookOnOneThreadWhileOthersRunFindsWhatALookAloneFinds() {
        InferenceThreads node = new InferenceThreads(1);
        try (SsdPersonDetector ssd = SsdPersonDetector.create(node)) {
            List<Detection> alone = ssd.detect(walkers);
            node.start(); // another camera's look in progress: this one gets the one-thread interpreter
            List<Detection> shared;
            try {
                shared = ssd.detect(walkers);
            } finally {
                node.finished();
            }
            assertEquals(alone, shared, "the same model, the same boxes, on one thread or two");
            assertTrue(!alone.isEmpty(), "the walkers are found");
        }
    }

    @Test
    void aFrameWithNobodyGivesNoPerson() {
        try (SsdPersonDetector ssd = SsdPersonDetector.create()) {
            assertEquals(List.of(), ssd.detect(foliage));
        }
    }

    @Test
    void aPersonWhoNeverMovesIsReportedWithinASecond() {
        // The same picture ten times (a second at 10 fps): motion sees nothing, only the periodic look finds them.
        PedestrianConfig config = PedestrianSection.parse(new Properties());
        List<Integer> reported = new ArrayList<>();
        try (PedestrianAnalyzer analyzer = new PedestrianAnalyzer(config)) {
            for (int i = 0; i < 10; i++) {
                List<TrackedObject> seen = analyzer.analyze(walkers).pedestrians();
                reported.add(seen.size());
            }
        }
        assertEquals(2, reported.get(reported.size() - 1), "persons reported per frame: " + reported);
    }

    @Test
    void whenTheViewChangesNoTrackCoastsOnWhereNobodyIsAndThePeopleStillInViewKeepTheirIds() {
        PedestrianConfig config = PedestrianSection.parse(new Properties());
        Mat lit = new Mat();
        Core.add(walkers, new Scalar(60, 60, 60), lit);
        Mat elsewhere = new Mat(); // another view of the same size: the camera turned to the trees
        Imgproc.resize(foliage, elsewhere, walkers.size(), 0, 0, Imgproc.INTER_LINEAR);
        try (PedestrianAnalyzer analyzer = new PedestrianAnalyzer(config)) {
            List<TrackedObject> before = List.of();
            for (int i = 0; i < 10; i++) {
                before = analyzer.analyze(walkers).pedestrians();
            }
            assertEquals(2, before.size(), "both walkers tracked: " + before);
            // The lights go up: the whole picture changes, the two are still there and keep their tracks.
            List<TrackedObject> afterLight = analyzer.analyze(lit).pedestrians();
            assertEquals(ids(before), ids(afterLight), "after the light: " + afterLight);
            // A cut to foliage: their tracks end at once instead of being drawn at their predictions.
            assertEquals(List.of(), analyzer.analyze(elsewhere).pedestrians(), "at the cut");
            assertEquals(List.of(), analyzer.analyze(elsewhere).pedestrians(), "after the cut");
        } finally {
            elsewhere.release();
            lit.release();
        }
    }

    private static java.util.Set<Integer> ids(List<TrackedObject> tracks) {
        return tracks.stream().map(TrackedObject::id).collect(java.util.stream.Collectors.toSet());
    }

    private static Mat frame(Path video, int index) throws IOException {
        try (FfmpegSource source = FfmpegSource.file(video.toString())) {
            source.open();
            Mat frame = null;
            for (int i = 0; i <= index; i++) {
                frame = source.grab();
            }
            return frame.clone();
        }
    }
}
