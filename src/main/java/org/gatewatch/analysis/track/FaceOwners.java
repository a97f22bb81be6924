package org.gatewatch.analysis.track;

import java.util.List;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.faces.FaceBox;
import org.gatewatch.analysis.track.Tracker.TrackedObject;

/** Which pedestrian a face found on the whole frame belongs to: the one whose box holds it where a head is. */
public final class FaceOwners {

    private FaceOwners() {
    }

    /** The pedestrian whose box holds the face's centre in its upper half, or null. */
    public static TrackedObject owner(FaceBox face, List<TrackedObject> pedestrians) {
        double cx = face.x() + face.width() / 2;
        double cy = face.y() + face.height() / 2;
        for (TrackedObject p : pedestrians) {
            Box b = p.box();
            if (cx >= b.x() && cx <= b.x() + b.width() && cy >= b.y() && cy <= b.y() + b.height() / 2) {
                return p;
            }
        }
        return null;
    }
}
