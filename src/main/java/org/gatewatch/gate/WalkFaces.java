package org.gatewatch.gate;

import java.util.ArrayList;
import java.util.List;
import org.gatewatch.analysis.faces.FaceBox;
import org.gatewatch.analysis.faces.FaceQuality;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.faces.RecognizedFace;
import org.gatewatch.analysis.pedestrians.SearchRegion;
import org.gatewatch.analysis.track.FaceOwners;
import org.gatewatch.analysis.track.FaceTracker;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * The face half of the gate: one detector pass over the whole frame, whatever the number of pedestrians; each face
 * goes to the walk of the pedestrian whose box holds it, or, with no pedestrian around it, to a walk of its own
 * face track; its quality is scored and it joins that walk's faces ({@link BestFaces}), and it is scored for liveness
 * when it could grant access. One analysis thread.
 */
public final class WalkFaces implements AutoCloseable {

    private final FaceChecks checks;
    private final LivenessCheck liveness;
    private final FaceTracker faceTracker = new FaceTracker();
    private final int minFace;

    /**
     * @param checks  the models, owned: closed with this
     * @param minFace the smallest face looked for, px ({@code faces.minSize})
     */
    public WalkFaces(String cameraId, FaceChecks checks, int minFace) {
        this.checks = checks;
        this.minFace = minFace;
        this.liveness = new LivenessCheck(cameraId, checks.liveness());
    }

    /** Whether a face track is live, so faces are looked for on the next frame too. */
    boolean tracking() {
        return faceTracker.size() > 0;
    }

    /**
     * Recognises the frame's faces into the walks; returns the face-only tracks, for the overlay.
     *
     * @param searched    where the person detector looked ({@link FaceSearch}); null for the whole frame
     * @param viewChanged the picture changed as a whole: face tracks not seen in it are not drawn until seen again
     */
    List<TrackedObject> look(Mat frame, List<SearchRegion> searched, List<TrackedObject> pedestrians,
                             Gallery enrolled, Walks walks, boolean viewChanged) {
        List<Rect> areas = searched == null ? List.of(new Rect(0, 0, frame.cols(), frame.rows()))
                : FaceSearch.areas(searched, pedestrians, faceTracker.predictions(), frame.cols(), frame.rows(),
                        minFace);
        List<RecognizedFace> alone = new ArrayList<>();
        for (RecognizedFace f : checks.recognizer().recognizeLive(frame, areas, enrolled)) {
            TrackedObject owner = FaceOwners.owner(f.face().box(), pedestrians);
            if (owner == null) {
                alone.add(f);
            } else {
                add(walks, walks.get(owner.id()), f, frame);
            }
        }
        List<TrackedObject> tracks = new ArrayList<>();
        for (FaceTracker.TrackedFace t : faceTracker.update(alone, viewChanged)) {
            Walk walk = walks.seen(Walks.ofFaceTrack(t.track().id()), enrolled.threshold(), frame);
            if (t.face() != null) {
                add(walks, walk, t.face(), frame);
            }
            tracks.add(t.track());
        }
        return tracks;
    }

    private void add(Walks walks, Walk walk, RecognizedFace face, Mat frame) {
        if (walk == null || walk.verdict != null) {
            return;
        }
        walk.facesSeen++;
        FaceQuality quality = FaceQuality.of(frame, face.face());
        boolean couldGrant = walk.vote.add(face.best(), quality, walks.nowMillis());
        FaceBox box = face.face().box();
        if (couldGrant) {
            liveness.score(walk, frame, box);
        }
        walks.faceSeen(walk, frame, box, quality);
    }

    @Override
    public void close() {
        checks.close();
    }
}
