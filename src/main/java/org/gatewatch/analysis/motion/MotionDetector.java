package org.gatewatch.analysis.motion;

import java.util.ArrayList;
import java.util.List;
import org.gatewatch.config.MotionConfig;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.BackgroundSubtractorMOG2;
import org.opencv.video.Video;

/**
 * The cheap first stage: a MOG2 background model on a shrunken frame says which regions changed, so still frames
 * skip the pedestrian detector and busy frames run it only around what moved. One instance per camera, fed every
 * analysed frame in order, used by one thread; it owns its Mats and frees them in {@link #close()}.
 */
public final class MotionDetector implements AutoCloseable {

    /** MOG2 marks shadows 127 and foreground 255; above this counts as moving, so shadows do not. */
    private static final double FOREGROUND_LEVEL = 200;
    /** Opening removes single-pixel noise; the dilation joins a walker's head, body and legs into one blob. */
    private static final Size OPEN_KERNEL = new Size(3, 3);
    private static final Size JOIN_KERNEL = new Size(5, 9);
    /** Frames the model needs before its changed share means anything. */
    private static final int MODEL_WARM_UP = 2;
    /**
     * In a quiet picture the model is still fed at least every this many frames, so that it follows light that
     * drifts too slowly for the thumbnails to see; a second at 10 fps.
     */
    static final int FEED_EVERY = 10;

    private final MotionConfig config;
    private final BackgroundSubtractorMOG2 model;
    private final Mat small = new Mat();
    private final Mat mask = new Mat();
    private final Mat labels = new Mat();
    private final Mat stats = new Mat();
    private final Mat centroids = new Mat();
    private final Mat openKernel;
    private final Mat joinKernel;
    private final UnchangedPicture unchanged = new UnchangedPicture();
    /** Frames since the model was last fed, that one counted. */
    private int sinceFed = 1;
    /** Frames fed to the model. */
    private long frames;
    private double changedShare;
    private boolean closed;

    public MotionDetector(MotionConfig config) {
        this.config = config;
        this.model = Video.createBackgroundSubtractorMOG2(config.history(), config.varThreshold(), true);
        this.openKernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, OPEN_KERNEL);
        this.joinKernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, JOIN_KERNEL);
    }

    /**
     * Feeds the next frame to the background model and returns the boxes of what moved, in the frame's pixels
     * (empty when nothing did). The first frame of a new model reports nothing: there is no background yet.
     */
    public List<Rect> update(Mat frame) {
        return update(frame, false);
    }

    /**
     * As {@link #update(Mat)}; {@code quiet} says the last frame was still (nothing moved, nobody tracked). Then, once
     * the model has settled, a frame whose thumbnail matches that of the last frame the model saw is not fed to it
     * (nothing moved), up to {@link #FEED_EVERY} frames: on an empty door that is most frames, at a fraction of the
     * model's cost. The frame fed next weighs for the frames skipped, so the background follows the light as fast as
     * before.
     */
    public List<Rect> update(Mat frame, boolean quiet) {
        // A young model learns from each frame faster than 1 / history (MOG2: 1 / (2 × frames)): fed every frame.
        boolean settled = 2 * frames >= config.history();
        boolean same = quiet && settled && unchanged.sameAsKept(frame);
        if (same && sinceFed < FEED_EVERY) {
            sinceFed++;
            changedShare = 0;
            return List.of();
        }
        double f = (double) config.workWidth() / frame.cols();
        Imgproc.resize(frame, small, new Size(config.workWidth(), Math.round(frame.rows() * f)), 0, 0,
                Imgproc.INTER_AREA);
        if (sinceFed == 1) {
            model.apply(small, mask);
        } else {
            // What a settled MOG2 learns from one frame (1 / history), once for each frame it did not see.
            model.apply(small, mask, (double) sinceFed / config.history());
        }
        sinceFed = 1;
        if (quiet) {
            unchanged.keepCurrent();
        } else {
            unchanged.forget();
        }
        if (frames++ == 0) {
            return List.of(); // MOG2 calls the whole first frame foreground: it has no background yet
        }
        Imgproc.threshold(mask, mask, FOREGROUND_LEVEL, 255, Imgproc.THRESH_BINARY);
        // The second frame still finds most pixels outside a one-frame model's variance: not a change of view.
        changedShare = frames <= MODEL_WARM_UP ? 0 : (double) Core.countNonZero(mask) / mask.total();
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, openKernel);
        Imgproc.dilate(mask, mask, joinKernel);
        int n = Imgproc.connectedComponentsWithStats(mask, labels, stats, centroids, 8);
        double minArea = config.minAreaFraction() * small.cols() * small.rows();
        List<Rect> moving = new ArrayList<>();
        int[] s = new int[5];
        for (int i = 1; i < n; i++) { // label 0 is the background
            stats.get(i, 0, s);
            if (s[Imgproc.CC_STAT_AREA] < minArea) {
                continue;
            }
            moving.add(new Rect((int) Math.floor(s[0] / f), (int) Math.floor(s[1] / f),
                    (int) Math.ceil(s[2] / f), (int) Math.ceil(s[3] / f)));
        }
        return moving;
    }

    /** Frames the background model has been fed. */
    long framesFed() {
        return frames;
    }

    /**
     * The share of the picture (0-1) that differed from the background in the last {@link #update}, before the blobs
     * are cleaned and joined: most of it after a cut, a moved camera or a switched light.
     */
    public double changedShare() {
        return changedShare;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            small.release();
            unchanged.close();
            mask.release();
            labels.release();
            stats.release();
            centroids.release();
            openKernel.release();
            joinKernel.release();
        }
    }
}
