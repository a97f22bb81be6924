package org.gatewatch.analysis.pedestrians;

import java.util.ArrayList;
import java.util.List;
import org.gatewatch.config.HogConfig;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.HOGDescriptor;

/**
 * OpenCV's HOG + linear SVM pedestrian detector ({@code HOGDescriptor.getDefaultPeopleDetector()}, Dalal and Triggs,
 * trained on INRIA persons), no model file needed. The image (or each region) is turned grey, enlarged so the smallest
 * pedestrian of interest fills the 64×128 window, scanned over a pyramid, and the window boxes are shrunk to the body.
 * Grey because HOG computes its gradients on each colour channel and keeps the strongest: one channel is a fifth less
 * work for the whole detector here, for accuracy within one box of colour's on the vtest labels (Dalal and Triggs
 * measured colour 1.5 % better at 10⁻⁴ false positives per window).
 * Overlapping boxes are left to the caller's {@link NonMaxSuppression}, which also merges boxes across regions.
 * Not thread-safe: it reuses its picture buffers, so each camera's analysis has its own.
 */
public final class HogPedestrianDetector implements PedestrianDetector {

    /** The default detector's window height; the INRIA person inside it is about 96 px tall (Dalal and Triggs 2005). */
    static final int WINDOW_HEIGHT = 128;
    static final int WINDOW_WIDTH = 64;
    public static final double WINDOW_PEDESTRIAN_HEIGHT = HogConfig.WINDOW_PEDESTRIAN_HEIGHT;

    /*
     * Window → body box. INRIA training windows hold a 96 px person in 128 px with 16 px of margin all round
     * (Dalal and Triggs 2005), so the body is the middle 75 % of the window's height; its width follows the Caltech
     * pedestrian benchmark's standard aspect ratio, 0.41 × height (Dollár et al. 2012). The window itself is much
     * wider than a person and would fail IoU 0.5 against a tight box.
     */
    private static final double BODY_TOP = 0.125;
    private static final double BODY_H = WINDOW_PEDESTRIAN_HEIGHT / WINDOW_HEIGHT;
    private static final double BODY_ASPECT = 0.41;
    /** A region's expected pedestrian may be this much smaller than the blob or track box that led there. */
    private static final double HINT_SLACK = 0.75;
    /** The smallest window already finds people a little under minPersonHeight; keep them rather than lose them. */
    private static final double MIN_HEIGHT_SLACK = 0.75;

    private final HogConfig config;
    private final HOGDescriptor hog;
    private final Mat detector;
    private final Size winStride;
    private final Size padding = new Size(8, 8);
    /** Reused for every region: the crop in grey, then enlarged. */
    private final Mat gray = new Mat();
    private final Mat scaled = new Mat();
    private boolean closed;

    public HogPedestrianDetector(HogConfig config) {
        this.config = config;
        this.hog = new HOGDescriptor();
        this.detector = HOGDescriptor.getDefaultPeopleDetector();
        hog.setSVMDetector(detector);
        this.winStride = new Size(config.stride(), config.stride());
    }

    public HogConfig config() {
        return config;
    }

    @Override
    public List<Detection> detect(Mat frame) {
        return detect(frame, List.of(SearchRegion.whole(frame.cols(), frame.rows())));
    }

    @Override
    public List<Detection> detect(Mat frame, List<SearchRegion> regions) {
        List<Detection> found = new ArrayList<>();
        Rect bounds = new Rect(0, 0, frame.cols(), frame.rows());
        for (SearchRegion region : regions) {
            Rect r = clip(new Rect(region.x(), region.y(), region.width(), region.height()), bounds);
            double up = upscaleFor(region.pedestrianHeight());
            if (r.width * up < WINDOW_WIDTH || r.height * up < WINDOW_HEIGHT) {
                continue; // not even one window fits: nobody of the sizes looked for can be in there
            }
            detectIn(frame, r, up, found);
        }
        return found;
    }

    /**
     * Enlargement that makes the smallest expected person (a little under the hint, never under minPersonHeight)
     * fill the window; the pyramid then covers everyone larger. Without a hint: the configured smallest pedestrian.
     */
    double upscaleFor(double pedestrianHeight) {
        if (pedestrianHeight <= 0) {
            return config.upscale();
        }
        double smallest = Math.max(config.minPersonHeight(), HINT_SLACK * pedestrianHeight);
        return Math.max(1.0, Math.min(config.upscale(), WINDOW_PEDESTRIAN_HEIGHT / smallest));
    }

    private void detectIn(Mat frame, Rect region, double up, List<Detection> out) {
        Mat crop = frame.submat(region);
        MatOfRect boxes = new MatOfRect();
        MatOfDouble weights = new MatOfDouble();
        try {
            Mat input = crop;
            if (crop.channels() == 3) {
                Imgproc.cvtColor(crop, gray, Imgproc.COLOR_BGR2GRAY);
                input = gray;
            }
            if (up > 1.0) {
                Imgproc.resize(input, scaled, new Size(Math.round(region.width * up), Math.round(region.height * up)),
                        0, 0, Imgproc.INTER_LINEAR);
                input = scaled;
            }
            hog.detectMultiScale(input, boxes, weights, config.hitThreshold(), winStride, padding, config.scale(),
                    config.groupThreshold(), false);
            // An empty result comes back as a 0×1 Mat that toArray() refuses.
            Rect[] rects = boxes.empty() ? new Rect[0] : boxes.toArray();
            double[] scores = weights.empty() ? new double[0] : weights.toArray();
            for (int i = 0; i < rects.length; i++) {
                Rect w = rects[i];
                double bodyHeight = w.height * BODY_H / up;
                if (bodyHeight < config.minPersonHeight() * MIN_HEIGHT_SLACK
                        || config.maxPersonHeight() > 0 && bodyHeight > config.maxPersonHeight()) {
                    continue;
                }
                double bodyWidth = BODY_ASPECT * bodyHeight;
                int x = (int) Math.round(region.x + (w.x + w.width / 2.0) / up - bodyWidth / 2);
                int y = (int) Math.round(region.y + (w.y + w.height * BODY_TOP) / up);
                int width = (int) Math.round(bodyWidth);
                int height = (int) Math.round(bodyHeight);
                Detection d = clip(x, y, width, height, frame.cols(), frame.rows(), i < scores.length ? scores[i] : 0);
                if (d != null) {
                    out.add(d);
                }
            }
        } finally {
            weights.release();
            boxes.release();
            crop.release();
        }
    }

    static Rect clip(Rect r, Rect bounds) {
        int x0 = Math.max(r.x, bounds.x);
        int y0 = Math.max(r.y, bounds.y);
        int x1 = Math.min(r.x + r.width, bounds.x + bounds.width);
        int y1 = Math.min(r.y + r.height, bounds.y + bounds.height);
        return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    private static Detection clip(int x, int y, int w, int h, int cols, int rows, double score) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(cols, x + w);
        int y1 = Math.min(rows, y + h);
        return x1 - x0 < 2 || y1 - y0 < 2 ? null : new Detection(x0, y0, x1 - x0, y1 - y0, score);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            detector.release();
            gray.release();
            scaled.release();
        }
    }
}
