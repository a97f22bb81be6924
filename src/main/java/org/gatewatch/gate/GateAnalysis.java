package org.gatewatch.gate;

import java.util.List;
import java.util.function.Supplier;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.Overlay;
import org.gatewatch.analysis.RateMeter;
import org.gatewatch.analysis.StillLooks;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.pedestrians.PedestrianAnalyzer;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.opencv.core.Mat;

/**
 * The gate's live analysis of one camera, frame by frame: pedestrians are detected, tracked and counted
 * ({@link PedestrianAnalyzer}, the same code as {@code bin/gatewatch analyze}); each track is a walk-through
 * ({@link Walks}); the faces of the frame join their walk, which names its person from the best of them
 * ({@link WalkFaces}, {@link BestFaces}); each walk gets one
 * access decision ({@link Decisions}); {@link GateOverlay} draws the result.
 *
 * <p>Runs on the camera's analysis thread only; the overlays it returns are drawn by the capture thread.
 */
public final class GateAnalysis implements FrameAnalyzer {

    /**
     * Faces are looked for when something moves or someone is tracked, around them; and in the whole frame every this
     * many analysed frames anyway, so a person standing still in front of the gate since before the background was
     * learnt is still seen. In a still picture where these scans found nobody they back off, as the person
     * detector's looks do ({@link StillLooks}).
     */
    public static final int FACE_SCAN_EVERY = 10;

    private final PedestrianAnalyzer pedestrians;
    private final Supplier<Gallery> gallery;
    private final WalkFaces faces;
    private final Walks walks;
    private final Decisions decisions;
    private final GateOverlay overlay;
    private final RateMeter rate = new RateMeter();
    /**
     * Frames are numbered from 1 here ({@link Walks#nextFrame}), so while neither backs off the scans fall on the
     * person detector's whole looks; each backs off on what it found itself.
     */
    private final StillLooks faceScans = new StillLooks(FACE_SCAN_EVERY, 1);
    private volatile long[] crossings = {0, 0};

    /**
     * Owns and closes the pedestrian analyzer, the faces and the walks.
     *
     * @param gallery the enrolled faces now; read on every frame, so a retrained gallery applies at once
     * @param faces   the face half, or null to decide on pedestrians only (every walk is a PASSAGE)
     */
    public GateAnalysis(PedestrianAnalyzer pedestrians, Supplier<Gallery> gallery, WalkFaces faces, Walks walks,
                        Decisions decisions, GateOverlay overlay) {
        this.pedestrians = pedestrians;
        this.gallery = gallery;
        this.faces = faces;
        this.walks = walks;
        this.decisions = decisions;
        this.overlay = overlay;
    }

    @Override
    public Overlay analyze(Mat frame, long captureMillis) {
        long index = walks.nextFrame(captureMillis);
        PedestrianAnalyzer.Result result = pedestrians.analyze(frame);
        crossings = new long[] {result.in(), result.out()};
        Gallery enrolled = gallery.get();
        for (TrackedObject p : result.pedestrians()) {
            walks.seen(p.id(), enrolled.threshold(), frame);
        }
        List<TrackedObject> faceTracks = List.of();
        // Nothing for the face detector here: nothing moved, nobody and no face is tracked.
        boolean idle = faces != null && !faces.tracking() && !result.motion() && result.pedestrians().isEmpty();
        boolean scan = faces != null && faceScans.due(index, result.still() && idle);
        if (faces != null && (!idle || scan)) {
            // Where the person detector looked, unless this is the periodic look at the whole frame.
            faceTracks = faces.look(frame, scan ? null : result.searched(), result.pedestrians(), enrolled, walks,
                    result.viewChanged());
            if (scan) {
                faceScans.looked(index, result.still() && idle && !faces.tracking());
            }
        }
        for (Walk walk : walks.votedNow()) {
            decisions.decide(walk, captureMillis);
        }
        for (Walk walk : walks.endFinished()) {
            decisions.decide(walk, captureMillis);
        }
        rate.tick();
        return overlay.of(result.pedestrians(), faceTracks, walks, result.in(), result.out(), rate.rate());
    }

    @Override
    public long[] crossings() {
        return crossings.clone();
    }

    @Override
    public void close() {
        try (PedestrianAnalyzer p = pedestrians; WalkFaces f = faces; Walks w = walks) {
            // Each is closed, in reverse order, even when another fails; null faces are skipped.
        }
    }
}
