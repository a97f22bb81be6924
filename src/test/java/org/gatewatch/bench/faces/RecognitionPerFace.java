package org.gatewatch.bench.faces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gatewatch.analysis.StageTimer.Stage;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.faces.MobileFaceNetEmbedder;
import org.gatewatch.analysis.faces.MtcnnFaceDetector;
import org.gatewatch.bench.analysis.FrameTimes;
import org.gatewatch.bench.analysis.StageClock;
import org.gatewatch.cli.FaceEvaluation;
import org.gatewatch.natives.OpenCvRuntime;
import org.opencv.core.Mat;

/**
 * Times recognition per face (align + MobileFaceNet embedding + gallery match) on the face benchmark's photos, for
 * when the camera footage shows too few faces to time it: {@link FaceRecognizer#recognizeLive} on each image, the
 * call the gate makes on a frame, with a {@link StageClock} telling its recognition stage apart from detection.
 */
public final class RecognitionPerFace {

    /** Images read, faces found in them, and one sample per image with a face: its time divided by its faces. */
    public record Result(int images, long faces, FrameTimes perFace) {
    }

    private RecognitionPerFace() {
    }

    /** With MTCNN at its default smallest face and MobileFaceNet, as {@code faces --detector mtcnn} opens them. */
    public static Result measure(Path dir, Gallery gallery) {
        OpenCvRuntime.load();
        StageClock stages = new StageClock();
        MtcnnFaceDetector detector = MtcnnFaceDetector.fromClasspath();
        FaceRecognizer recognizer;
        try {
            recognizer = new FaceRecognizer(detector, MobileFaceNetEmbedder.fromClasspath(), stages);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
        try (recognizer) {
            FrameTimes perFace = new FrameTimes();
            long faces = 0;
            int images = 0;
            for (Path image : jpegs(dir)) {
                Mat m = FaceEvaluation.read(image);
                try {
                    stages.reset();
                    recognizer.recognizeLive(m, gallery);
                    long found = stages.faces();
                    images++;
                    if (found > 0) {
                        faces += found;
                        perFace.add(stages.nanos(Stage.FACE_RECOGNITION) / found, true);
                    }
                } finally {
                    m.release();
                }
            }
            return new Result(images, faces, perFace);
        }
    }

    private static List<Path> jpegs(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
