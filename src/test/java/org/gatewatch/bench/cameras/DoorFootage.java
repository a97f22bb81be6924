package org.gatewatch.bench.cameras;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.gatewatch.bench.analysis.StillScene;
import org.gatewatch.capture.FfmpegSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A door that nobody stands in front of most of the time: vtest.avi's own empty background (the per-pixel median of
 * its frames) with sensor noise and a slow light drift ({@link StillScene}), and once a loop vtest.avi's walkers
 * spliced in for {@link #WALK_FRAMES} frames (each pixel that differs from the background taken from the clip). At the
 * splice's end every walker leaves at once: that frame is the walk's end, from which the decision latency is timed.
 *
 * <p>Variant k has its walk in slot k of {@link #SLOTS}, so cameras that replay different variants never have walkers
 * at the same time (they start together, within a second). Written once into a folder (MPEG-4 in AVI, 10 fps,
 * 768×576 like the clip); a variant already there is kept.
 */
final class DoorFootage {

    static final double FPS = 10;
    static final int SLOTS = 16;
    static final int SLOT_FRAMES = 40;
    static final int LOOP_FRAMES = SLOTS * SLOT_FRAMES;
    static final int WALK_FRAMES = 35;
    /** Where the first variant's walkers come from in vtest.avi; later variants take later stretches. */
    private static final int FIRST_CLIP_FRAME = 60;
    /** A pixel whose grey difference from the background is above this belongs to a walker. */
    private static final double WALKER_THRESHOLD = 20;

    private DoorFootage() {
    }

    /** Variant 0 walks in this slot (12 s into the loop), so the first walks fall within a short run. */
    private static final int FIRST_SLOT = 3;

    /** The frame (0-based, within the loop) at which variant {@code k}'s walkers leave. */
    static int walkEndFrame(int k) {
        return ((k + FIRST_SLOT) % SLOTS) * SLOT_FRAMES + WALK_FRAMES;
    }

    /** The file names the walk's end frame, so footage made with another schedule is never taken for this one's. */
    static Path file(Path dir, int k) {
        return dir.resolve("door-" + (k % SLOTS) + "-end" + walkEndFrame(k) + ".avi");
    }

    /** Makes variants 0..count-1 (at most {@link #SLOTS}) in {@code dir} unless they are there. */
    static void ensure(Path vtest, Path dir, int count) throws IOException {
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; k < Math.min(count, SLOTS); k++) {
            if (!Files.isRegularFile(file(dir, k))) {
                missing.add(k);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Files.createDirectories(dir);
        System.err.printf("bench-cameras: writing %d door footage variant(s) into %s (once)%n", missing.size(), dir);
        try (StillScene scene = StillScene.medianOf(vtest, 10)) {
            for (int k : missing) {
                write(vtest, scene, k, file(dir, k));
            }
        }
    }

    private static void write(Path vtest, StillScene scene, int k, Path out) throws IOException {
        Path partial = out.resolveSibling(out.getFileName() + ".part.avi");
        List<Mat> walkers = clip(vtest, FIRST_CLIP_FRAME + k * WALK_FRAMES, WALK_FRAMES);
        Mat background = scene.background();
        Mat diff = new Mat();
        Mat gray = new Mat();
        Mat mask = new Mat();
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(7, 7));
        int walkStart = walkEndFrame(k) - WALK_FRAMES;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(partial.toString(), background.cols(),
                background.rows());
             OpenCVFrameConverter.ToOrgOpenCvCoreMat converter = new OpenCVFrameConverter.ToOrgOpenCvCoreMat()) {
            recorder.setFormat("avi");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setFrameRate(FPS);
            recorder.setGopSize((int) FPS);
            recorder.setVideoQuality(3);
            recorder.start();
            for (int i = 0; i < LOOP_FRAMES; i++) {
                Mat frame = scene.next();
                int w = i - walkStart;
                if (w >= 0 && w < WALK_FRAMES) {
                    Mat walker = walkers.get(w);
                    Core.absdiff(walker, background, diff);
                    Imgproc.cvtColor(diff, gray, Imgproc.COLOR_BGR2GRAY);
                    Imgproc.threshold(gray, mask, WALKER_THRESHOLD, 255, Imgproc.THRESH_BINARY);
                    Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_CLOSE, kernel);
                    Imgproc.dilate(mask, mask, kernel);
                    walker.copyTo(frame, mask);
                }
                recorder.record(converter.convert(frame));
            }
            recorder.stop();
        } finally {
            walkers.forEach(Mat::release);
            diff.release();
            gray.release();
            mask.release();
            kernel.release();
        }
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code count} frames of the clip from {@code first} on (wrapping round its end), copied. */
    private static List<Mat> clip(Path vtest, int first, int count) throws IOException {
        List<Mat> frames = new ArrayList<>();
        try (FfmpegSource source = new FfmpegSource(vtest.toString(), null, Map.of(), true, false)) {
            source.open();
            for (int i = 0; i < first + count; i++) {
                Mat f = source.grab();
                if (f == null) {
                    throw new IOException("cannot read frame " + i + " of " + vtest);
                }
                if (i >= first) {
                    Mat copy = new Mat(f.size(), CvType.CV_8UC3);
                    f.copyTo(copy);
                    frames.add(copy);
                }
            }
        }
        return frames;
    }
}
