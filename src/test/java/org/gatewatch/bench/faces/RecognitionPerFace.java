package org.gatewatch.bench.faces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.bench.analysis.FrameTimes;
import org.gatewatch.cli.FaceEvaluation;
import org.opencv.core.Mat;

/**
 * Times recognition per face (align + MobileFaceNet embedding + gallery match) on the face benchmark's photos, for
 * when the camera footage shows too few faces to time it: {@link FaceRecognizer#recognizeLive} on each image, the
 * call the gate makes on a frame, read through its running sums.
 */
public final class RecognitionPerFace {

    /** Images read, faces found in them, and one sample per image with a face: its time divided by its faces. */
    public record Result(int images, long faces, FrameTimes perFace) {
    }

    private RecognitionPerFace() {
    }

    public static Result measure(Path dir, FaceRecognizer recognizer, Gallery gallery) {
        FrameTimes perFace = new FrameTimes();
        long faces = 0;
        int images = 0;
        for (Path image : jpegs(dir)) {
            Mat m = FaceEvaluation.read(image);
            try {
                FaceRecognizer.LiveSpent before = recognizer.liveSpent();
                recognizer.recognizeLive(m, gallery);
                FaceRecognizer.LiveSpent after = recognizer.liveSpent();
                long found = after.faces() - before.faces();
                images++;
                if (found > 0) {
                    faces += found;
                    perFace.add((after.recognizeNanos() - before.recognizeNanos()) / found, true);
                }
            } finally {
                m.release();
            }
        }
        return new Result(images, faces, perFace);
    }

    private static List<Path> jpegs(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
