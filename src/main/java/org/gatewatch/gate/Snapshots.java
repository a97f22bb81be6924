package org.gatewatch.gate;

import org.gatewatch.analysis.faces.FaceBox;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/** The pictures of a walk-through that go into its event: the whole frame, and the face with some of the head. */
final class Snapshots implements AutoCloseable {

    /** Margin around the face box, as a share of its width, so the snapshot shows the head, not a tight crop. */
    private static final double FACE_MARGIN = 0.3;

    private final SnapshotEncoder encoder;

    /** @param encoder owned: closed with these snapshots */
    Snapshots(SnapshotEncoder encoder) {
        this.encoder = encoder;
    }

    byte[] frame(Mat frame) {
        return encoder.jpeg(frame);
    }

    /** The face and a margin around it, clipped to the frame; null when nothing of it is inside. */
    byte[] face(Mat frame, FaceBox fb) {
        double m = fb.width() * FACE_MARGIN;
        int x = (int) Math.max(0, fb.x() - m);
        int y = (int) Math.max(0, fb.y() - m);
        int x2 = (int) Math.min(frame.cols(), fb.right() + m);
        int y2 = (int) Math.min(frame.rows(), fb.bottom() + m);
        if (x2 <= x || y2 <= y) {
            return null;
        }
        Mat crop = frame.submat(new Rect(x, y, x2 - x, y2 - y));
        try {
            return encoder.jpeg(crop);
        } finally {
            crop.release();
        }
    }

    @Override
    public void close() {
        encoder.close();
    }
}
