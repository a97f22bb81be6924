package org.gatewatch.analysis.pedestrians;

import java.util.ArrayList;
import java.util.List;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.StageTimer;
import org.gatewatch.analysis.StillLooks;
import org.gatewatch.analysis.motion.MotionDetector;
import org.gatewatch.analysis.track.CountingLine;
import org.gatewatch.analysis.track.Tracker;
import org.gatewatch.analysis.track.Tracker.Expected;
import org.gatewatch.analysis.track.Tracker.Observation;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.natives.InferenceThreads;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Pedestrian analysis of one camera, frame by frame: motion → regions of interest → pedestrian detector → NMS →
 * tracker → counting line. The analyze tool and the live pipeline both call {@link #analyze(Mat)} with every frame
 * they analyse, in order, so they give the same answers on the same frames. Not thread-safe: one analysis thread
 * per camera owns it (frames may be skipped when busy; the tracker then sees a larger step).
 */
public final class PedestrianAnalyzer implements AutoCloseable {

    /**
     * NMS thresholds. Two visible pedestrians next to each other overlap far less: in the vtest labels no two
     * scored pedestrians exceed IoU 0.15 or 36 % cover of the smaller box; a box lying 70 % inside a stronger one is
     * a body part found at another pyramid level.
     */
    private static final double NMS_IOU = 0.4;
    private static final double NMS_COVER = 0.7;
    /**
     * A detection may start a track only where a moving blob covers this share of its box (blobs are dilated, so a
     * walker's blob covers most of the body; a quarter leaves room for a pedestrian who only just started moving).
     */
    private static final double MIN_MOVING_SHARE = 0.25;
    /**
     * With a detector that may start a track on a still person, the whole picture is looked at once every this many
     * analysed frames even when nothing moved, from the first frame on (at 10 analysed frames a second: once a
     * second), so a person who stands still from the start is found on the first frame and, seen again next frame
     * around the new track, reported at once. Motion still decides where to look in between, and anyone who walked
     * into view moved. Once a second rather than twice: the look is a whole-picture SSD run (about 30 ms of CPU on
     * this machine), most of what an empty door camera costs; in a still, empty picture the looks back off further
     * ({@link StillLooks}).
     */
    static final int STILL_LOOK_EVERY = 10;
    /**
     * When more than this share of the picture differs from the background at once, the view itself changed (a cut,
     * a camera knocked or turned, the lights switched; a walker, even a close one, changes far less): a track's
     * prediction from the old picture says nothing about the new one, so a track not detected in that frame is not
     * drawn at its predictions, on where nobody may be, until it is detected again. It stays alive meanwhile, so a
     * person missed in that one frame (the lights came on as they walked up) keeps their track and their walk.
     */
    static final double VIEW_CHANGE_SHARE = 0.5;
    /**
     * Within this share of a person's height from the counting line, their feet count as on it: a box jitters by a
     * few per cent of its height from frame to frame (more at the predictions between looks), a stride is a third.
     */
    static final double LINE_BAND = 0.1;
    /** A coasting track whose box is mostly outside the frame has walked out: stop reporting it. */
    private static final double MIN_VISIBLE_SHARE = 0.5;

    /**
     * What one frame gave. Boxes are in the frame's pixels.
     *
     * @param searched where people were expected: what moved and where tracks were, widened and merged (the whole
     *                 frame without motion gating; empty when nothing moved and nobody is tracked). The periodic look
     *                 at the whole frame for people who stand still is not in it, nor a resting track and its walker's
     *                 blob (its box is among {@code pedestrians}).
     * @param viewChanged the picture changed as a whole in this frame ({@link #VIEW_CHANGE_SHARE}): other trackers
     *                 of this camera (faces) should not draw their predictions from the old view either
     * @param still    motion gating is on, nothing moved in this frame and nobody is tracked: what other looks for
     *                 people who do not move (faces) back off on ({@link StillLooks})
     */
    public record Result(long frame, List<TrackedObject> pedestrians, int detections, boolean motion,
                         boolean detectorRan, double scannedShare, long motionNanos, long detectNanos, long in,
                         long out, List<SearchRegion> searched, boolean viewChanged, boolean still) {
    }

    private final PedestrianDetector detector;
    private final boolean stillMayStart;
    private final MotionDetector motion;
    private final NonMaxSuppression nms = new NonMaxSuppression(NMS_IOU, NMS_COVER);
    private final Tracker tracker;
    private final CountingLine line;
    private final StageTimer timer;
    private final RegionsOfInterest roi;
    private final StillLooks stillLooks = new StillLooks(STILL_LOOK_EVERY, 0);
    private long index = -1;
    /** The last frame was still: the motion model may skip a frame that shows the same picture. */
    private boolean lastStill;

    /**
     * The built-in analysis: the configured person detector ({@link PersonDetectors}), MOG2 motion. Needs
     * {@code OpenCvRuntime.load()} first (and {@code TfLiteRuntime}'s natives on the class path for SSD).
     */
    public PedestrianAnalyzer(PedestrianConfig config) {
        this(config, StageTimer.NONE);
    }

    /**
     * As the one-argument constructor, telling {@code timer} what the motion and pedestrian stages cost; the only
     * camera analysing on this machine, so its person model may use the cores.
     */
    public PedestrianAnalyzer(PedestrianConfig config, StageTimer timer) {
        this(config, timer, InferenceThreads.alone());
    }

    /** @param inferenceThreads how many threads each run of the person model gets, shared by the node's cameras */
    public PedestrianAnalyzer(PedestrianConfig config, StageTimer timer, InferenceThreads inferenceThreads) {
        this.timer = timer;
        this.detector = PersonDetectors.create(config, inferenceThreads);
        this.stillMayStart = PersonDetectors.stillMayStart(config.detector());
        this.roi = new RegionsOfInterest(config.roiMargin(), config.hog().minPersonHeight(), stillMayStart);
        this.motion = config.motionGating() ? new MotionDetector(config.motion()) : null;
        this.tracker = new Tracker(config.tracker());
        double[] l = config.countingLine();
        this.line = l == null ? null : new CountingLine(l[0], l[1], l[2], l[3]);
    }

    /** Invoked with each analysed frame (BGR), in order; the frame is only read. */
    public Result analyze(Mat frame) {
        index++;
        int cols = frame.cols();
        int rows = frame.rows();
        long t0 = System.nanoTime();
        List<Rect> moving = motion == null ? null : motion.update(frame, lastStill);
        boolean viewChanged = motion != null && motion.changedShare() > VIEW_CHANGE_SHARE;
        // Tracks rest only where motion tells what else moved, and never across a change of view.
        List<Expected> expected = tracker.expected(moving != null && !viewChanged);
        List<SearchRegion> interest = moving == null ? List.of(SearchRegion.whole(cols, rows))
                : roi.around(RestingTracks.unexplained(moving, expected), expected, cols, rows);
        boolean still = moving != null && moving.isEmpty() && expected.isEmpty() && !viewChanged;
        lastStill = still;
        boolean lookWhole = moving != null && stillMayStart && stillLooks.due(index, still);
        List<SearchRegion> regions = lookWhole ? RegionsOfInterest.withWholeLook(interest, cols, rows) : interest;
        long t1 = System.nanoTime();
        List<Detection> found = regions.isEmpty() ? List.of()
                : RestingTracks.withoutParts(nms.apply(detector.detect(frame, regions)), expected);
        long t2 = System.nanoTime();
        if (lookWhole) {
            stillLooks.looked(index, still && found.isEmpty());
        }

        List<Observation> observations = new ArrayList<>(found.size());
        for (Detection d : found) {
            observations.add(new Observation(new Box(d.x(), d.y(), d.width(), d.height()), d.score(),
                    moving == null || stillMayStart && d.score() >= SsdPersonDetector.MIN_SCORE
                            || touchesMotion(d, moving)));
        }
        List<TrackedObject> pedestrians = new ArrayList<>();
        for (TrackedObject t : tracker.update(observations, viewChanged)) {
            if (t.detected() || visibleShare(t.box(), cols, rows) >= MIN_VISIBLE_SHARE) {
                pedestrians.add(clipped(t, cols, rows));
            }
        }
        countCrossings(pedestrians);
        timer.spent(StageTimer.Stage.MOTION, t1 - t0, 1);
        timer.spent(StageTimer.Stage.PEDESTRIANS, System.nanoTime() - t1, 1);
        return new Result(index, List.copyOf(pedestrians), found.size(), moving != null && !moving.isEmpty(),
                !regions.isEmpty(), RegionsOfInterest.share(regions, cols, rows), t1 - t0, t2 - t1,
                line == null ? 0 : line.in(), line == null ? 0 : line.out(), List.copyOf(interest), viewChanged, still);
    }

    /** Confirmed tracks since the start. */
    public int tracksStarted() {
        return tracker.tracksStarted();
    }

    /** Whether a moving blob covers enough of the box for it to be a pedestrian who moved. */
    private static boolean touchesMotion(Detection d, List<Rect> moving) {
        for (Rect m : moving) {
            long w = Math.min(d.right(), m.x + m.width) - Math.max(d.x(), m.x);
            long h = Math.min(d.bottom(), m.y + m.height) - Math.max(d.y(), m.y);
            if (w > 0 && h > 0 && (double) w * h / d.area() >= MIN_MOVING_SHARE) {
                return true;
            }
        }
        return false;
    }

    /** The reported box stays inside the picture; the tracker keeps the unclipped one for its predictions. */
    private static TrackedObject clipped(TrackedObject t, int cols, int rows) {
        Box b = t.box();
        double x0 = Math.max(0, b.x());
        double y0 = Math.max(0, b.y());
        double x1 = Math.min(cols, b.x() + b.width());
        double y1 = Math.min(rows, b.y() + b.height());
        if (x0 == b.x() && y0 == b.y() && x1 == b.x() + b.width() && y1 == b.y() + b.height()) {
            return t;
        }
        return new TrackedObject(t.id(), new Box(x0, y0, x1 - x0, y1 - y0), t.score(), t.detected());
    }

    private static double visibleShare(Box b, int cols, int rows) {
        double w = Math.min(b.x() + b.width(), cols) - Math.max(b.x(), 0);
        double h = Math.min(b.y() + b.height(), rows) - Math.max(b.y(), 0);
        return w <= 0 || h <= 0 ? 0 : w * h / b.area();
    }

    private void countCrossings(List<TrackedObject> pedestrians) {
        if (line == null) {
            return;
        }
        for (TrackedObject t : pedestrians) {
            line.update(t.id(), t.box().footX(), t.box().footY(), LINE_BAND * t.box().height());
        }
        line.retain(tracker.liveIds());
    }

    @Override
    public void close() {
        detector.close();
        if (motion != null) {
            motion.close();
        }
    }
}
