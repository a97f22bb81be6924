package org.gatewatch.analysis.motion;

import org.gatewatch.picture.Shrink;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * Whether a frame is still the picture the motion model last saw, told from thumbnails about {@link #WIDTH} px wide:
 * each thumbnail pixel is the mean of a whole-number block of frame pixels (OpenCV's fast area average, about 0.1 ms
 * for 768×576 here against 2.4 ms for the model), so sensor noise averages out and anything the size of a hand
 * that enters the picture changes its block. One thread; owns its Mats.
 */
final class UnchangedPicture implements AutoCloseable {

    /** About this wide, px: a block of 8×8 frame pixels at 768 px. */
    static final int WIDTH = 96;
    /**
     * The most a thumbnail pixel may differ, in grey levels of any colour, for the picture to count as unchanged.
     * Noise of σ 3 per frame pixel is about 0.4 on a block of 64 and its largest difference over a thumbnail ~2;
     * someone stepping in differs by tens of levels on every block they cover.
     */
    static final double MAX_DIFFERENCE = 10;

    private final Mat current = new Mat();
    private final Mat kept = new Mat();
    private final Mat difference = new Mat();
    private boolean holdsKept;

    /** Makes {@code frame}'s thumbnail and says whether it matches the kept one (false when none is kept). */
    boolean sameAsKept(Mat frame) {
        Shrink.byWholeFactor(frame, Math.max(1, Math.min(frame.cols() / WIDTH, frame.rows())), current);
        if (!holdsKept || !kept.size().equals(current.size()) || kept.type() != current.type()) {
            return false;
        }
        Core.absdiff(current, kept, difference);
        return Core.minMaxLoc(difference.reshape(1)).maxVal <= MAX_DIFFERENCE;
    }

    /** The thumbnail of the last {@link #sameAsKept} frame is the one later frames are compared with. */
    void keepCurrent() {
        current.copyTo(kept);
        holdsKept = true;
    }

    /** Nothing is kept: the next frame is fed to the model whatever it shows. */
    void forget() {
        holdsKept = false;
    }

    @Override
    public void close() {
        current.release();
        kept.release();
        difference.release();
    }
}
