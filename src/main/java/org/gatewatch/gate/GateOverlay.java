package org.gatewatch.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.Overlay;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.gatewatch.events.Decision;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * What the gate draws on the stream: boxes coloured by decision with track ids and names, the counting line, and
 * a line of counts and the analysis rate.
 */
public final class GateOverlay {

    // BGR colours per decision.
    private static final Scalar UNDECIDED = new Scalar(0, 191, 255);
    private static final Scalar GRANTED = new Scalar(80, 200, 60);
    private static final Scalar DENIED = new Scalar(60, 60, 240);
    private static final Scalar PASSAGE = new Scalar(200, 160, 60);
    private static final Scalar LINE = new Scalar(255, 160, 0);
    private static final Scalar HUD_BG = new Scalar(20, 20, 20);
    private static final Scalar WHITE = new Scalar(255, 255, 255);

    private final double[] countingLine;

    /** @param countingLine x1,y1,x2,y2 drawn on the stream, or null */
    public GateOverlay(double[] countingLine) {
        this.countingLine = countingLine == null ? null : countingLine.clone();
    }

    /** An immutable picture of this frame's result, for the capture thread to draw until the next one. */
    Overlay of(List<TrackedObject> pedestrians, List<TrackedObject> faceTracks, Walks walks, long in, long out,
               double rate) {
        List<TrackedObject> shown = new ArrayList<>(pedestrians);
        shown.addAll(faceTracks);
        int n = shown.size();
        Box[] boxes = new Box[n];
        String[] labels = new String[n];
        Scalar[] colours = new Scalar[n];
        for (int i = 0; i < n; i++) {
            TrackedObject t = shown.get(i);
            int walkId = i < pedestrians.size() ? t.id() : Walks.ofFaceTrack(t.id());
            Walk walk = walks.get(walkId);
            AccessPolicy.Verdict v = walk == null ? null : walk.verdict;
            boxes[i] = t.box();
            colours[i] = v == null ? UNDECIDED : switch (v.decision()) {
                case GRANTED -> GRANTED;
                case DENIED -> DENIED;
                case PASSAGE -> PASSAGE;
                // A walk's verdict is about a person; the camera's own events never reach a walk.
                case CAMERA_DOWN, CAMERA_UP, ANALYSIS_DOWN -> UNDECIDED;
            };
            labels[i] = label(walkId, v);
        }
        String hud = String.format(Locale.ROOT, "people %d  in %d  out %d  analysis %.1f fps",
                pedestrians.size(), in, out, rate);
        double[] line = countingLine;
        return target -> {
            for (int i = 0; i < boxes.length; i++) {
                Box b = boxes[i];
                Imgproc.rectangle(target, new Point(b.x(), b.y()), new Point(b.x() + b.width(), b.y() + b.height()),
                        colours[i], 2);
                Imgproc.putText(target, labels[i], new Point(b.x(), Math.max(12, b.y() - 4)),
                        Imgproc.FONT_HERSHEY_SIMPLEX, 0.45, colours[i], 1, Imgproc.LINE_AA);
            }
            if (line != null) {
                Imgproc.line(target, new Point(line[0], line[1]), new Point(line[2], line[3]), LINE, 2);
            }
            Imgproc.rectangle(target, new Point(0, 0), new Point(8 + hud.length() * 8.2, 22), HUD_BG, -1);
            Imgproc.putText(target, hud, new Point(6, 16), Imgproc.FONT_HERSHEY_SIMPLEX, 0.45, WHITE, 1,
                    Imgproc.LINE_AA);
        };
    }

    private static String label(int walkId, AccessPolicy.Verdict v) {
        String id = Walks.isFaceTrack(walkId) ? "face " + (walkId - Walks.FACE_TRACK_OFFSET) : "#" + walkId;
        if (v == null) {
            return id;
        }
        if (v.personName() != null) {
            return id + String.format(Locale.ROOT, " %s %.2f", v.personName(), v.score());
        }
        return v.decision() == Decision.DENIED ? id + " unknown" : id;
    }
}
