package org.gatewatch.bench.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gatewatch.capture.FfmpegSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Footage with no people, made from footage with people: the per-pixel median of frames spread over a clip is its
 * empty background (each walker covers any pixel only briefly), replayed with fresh sensor noise and a slow
 * brightness drift in every frame so it behaves like a live camera watching an empty gate. Owns its Mats.
 */
public final class StillScene implements AutoCloseable {

    /** Camera noise: σ of the Gaussian added to each channel of each frame (a typical cheap CCTV sensor, 8 bit). */
    public static final double NOISE_SIGMA = 3.0;
    /** Light drifts ±3 % over a 30 s period, as clouds do outdoors. */
    public static final double DRIFT = 0.03;
    public static final double DRIFT_PERIOD_FRAMES = 300;

    private final Mat background;
    private final Mat noise = new Mat();
    private final Mat work = new Mat();
    private final Mat frame = new Mat();
    private long index;

    private StillScene(Mat background) {
        this.background = background;
    }

    /** Median of every {@code step}-th frame of the video. */
    public static StillScene medianOf(Path video, int step) throws IOException {
        List<byte[]> samples = new ArrayList<>();
        int rows = 0;
        int cols = 0;
        try (FfmpegSource source = new FfmpegSource(video.toString(), null, Map.of(), false, false)) {
            source.open();
            Mat f;
            long n = 0;
            while ((f = source.grab()) != null) {
                if (n++ % step == 0) {
                    rows = f.rows();
                    cols = f.cols();
                    byte[] b = new byte[(int) (f.total() * f.channels())];
                    Mat c = f.isContinuous() ? f : f.clone();
                    c.get(0, 0, b);
                    if (c != f) {
                        c.release();
                    }
                    samples.add(b);
                }
            }
        }
        if (samples.isEmpty()) {
            throw new IOException("no frames in " + video);
        }
        byte[] median = new byte[samples.get(0).length];
        int[] column = new int[samples.size()];
        for (int i = 0; i < median.length; i++) {
            for (int s = 0; s < column.length; s++) {
                column[s] = samples.get(s)[i] & 0xff;
            }
            Arrays.sort(column);
            median[i] = (byte) column[column.length / 2];
        }
        Mat bg = new Mat(rows, cols, CvType.CV_8UC3);
        bg.put(0, 0, median);
        return new StillScene(bg);
    }

    /** The empty background itself (owned by this scene). */
    public Mat background() {
        return background;
    }

    /** The next frame, owned by this scene and valid until the next call. */
    public Mat next() {
        double gain = 1 + DRIFT * Math.sin(2 * Math.PI * index++ / DRIFT_PERIOD_FRAMES);
        background.convertTo(work, CvType.CV_32FC3, gain);
        noise.create(background.size(), CvType.CV_32FC3);
        Core.randn(noise, 0, NOISE_SIGMA);
        Core.add(work, noise, work);
        work.convertTo(frame, CvType.CV_8UC3);
        return frame;
    }

    @Override
    public void close() {
        background.release();
        noise.release();
        work.release();
        frame.release();
    }
}
