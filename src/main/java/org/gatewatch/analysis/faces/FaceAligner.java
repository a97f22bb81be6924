package org.gatewatch.analysis.faces;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Cuts a face out of a frame as the 112×112 crop MobileFaceNet was trained on: a similarity transform that puts the
 * five landmarks onto the ArcFace reference points. Without landmarks (cascade detector) it crops a square around
 * the box instead, which recognises less well. Stateless; every call returns a new Mat the caller releases.
 */
public final class FaceAligner {

    public static final int SIZE = 112;

    /**
     * Where the five landmarks go in a 112×112 crop: InsightFace's arcface_dst (face_align.py), the alignment of the
     * MS1M training data of MobileFaceNet. Order: left eye, right eye, nose, left mouth corner, right mouth corner.
     */
    static final double[] REF_X = {38.2946, 73.5318, 56.0252, 41.5493, 70.7299};
    static final double[] REF_Y = {51.6963, 51.5014, 71.7366, 92.3655, 92.2041};

    /** The transform from frame pixels to the aligned crop. */
    public static SimilarityTransform transformFor(Landmarks l) {
        return SimilarityTransform.estimate(l.xs(), l.ys(), REF_X, REF_Y);
    }

    /** The aligned 112×112 BGR face. */
    public Mat align(Mat frame, Landmarks landmarks) {
        double[] m = transformFor(landmarks).toAffineRows();
        Mat affine = new Mat(2, 3, CvType.CV_64F);
        affine.put(0, 0, m);
        Mat out = new Mat();
        Imgproc.warpAffine(frame, out, affine, new Size(SIZE, SIZE), Imgproc.INTER_LINEAR,
                org.opencv.core.Core.BORDER_CONSTANT);
        affine.release();
        return out;
    }

    /** A square crop around the box resized to 112×112, for detectors without landmarks. */
    public Mat crop(Mat frame, FaceBox box) {
        return squareCrop(frame, box, SIZE);
    }

    /** The square around the box's centre with the box's longer side, black outside the frame, resized to size². */
    public Mat squareCrop(Mat frame, FaceBox box, int size) {
        double side = Math.max(box.width(), box.height());
        double cx = box.x() + box.width() / 2;
        double cy = box.y() + box.height() / 2;
        int x = (int) Math.round(cx - side / 2);
        int y = (int) Math.round(cy - side / 2);
        int s = Math.max(1, (int) Math.round(side));
        Mat padded = new Mat(s, s, frame.type(), new org.opencv.core.Scalar(0, 0, 0));
        int ix = Math.max(0, x);
        int iy = Math.max(0, y);
        int ix2 = Math.min(frame.cols(), x + s);
        int iy2 = Math.min(frame.rows(), y + s);
        if (ix2 > ix && iy2 > iy) {
            Mat from = frame.submat(new Rect(ix, iy, ix2 - ix, iy2 - iy));
            Mat to = padded.submat(new Rect(ix - x, iy - y, ix2 - ix, iy2 - iy));
            from.copyTo(to);
            from.release();
            to.release();
        }
        Mat out = new Mat();
        Imgproc.resize(padded, out, new Size(size, size), 0, 0, Imgproc.INTER_AREA);
        padded.release();
        return out;
    }
}
