package org.gatewatch.analysis.faces;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * The fallback face detector: an OpenCV cascade from the natives jar (under share/opencv4/), no model files needed, boxes
 * only, so recognition falls back to a square crop (which recognises far less well: bench-faces). LBP
 * "frontalface_improved" by default. Measured here (load ~5 on 2 cores) it is not faster than MTCNN at gate sizes:
 * 22 ms on a 300×476 person box (MTCNN 13–24 ms), 74–83 ms on a 768×576 frame (MTCNN 27 ms with 40 px faces).
 * One thread at a time.
 */
public final class CascadeFaceDetector implements FaceDetector {

    private static final String SHARE = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/";
    public static final String LBP_FRONTAL = SHARE + "lbpcascades/lbpcascade_frontalface_improved.xml";
    public static final String HAAR_FRONTAL = SHARE + "haarcascades/haarcascade_frontalface_default.xml";

    /** 1.1 / 3 neighbours: OpenCV's defaults for detectMultiScale, as its face-detection tutorial uses them. */
    private static final double SCALE_FACTOR = 1.1;
    private static final int MIN_NEIGHBOURS = 3;

    private final CascadeClassifier classifier;
    private final int minFace;

    /** The LBP frontal cascade, faces from 24 px. */
    public static CascadeFaceDetector lbp() {
        return new CascadeFaceDetector(LBP_FRONTAL, 24);
    }

    /**
     * @param resource a cascade inside the OpenCV natives jar, e.g. {@link #LBP_FRONTAL}
     * @param minFace  smallest face side in pixels
     */
    public CascadeFaceDetector(String resource, int minFace) {
        File file;
        try {
            file = org.bytedeco.javacpp.Loader.cacheResource(resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract cascade " + resource, e);
        }
        if (file == null) {
            throw new IllegalStateException("cascade " + resource + " is not in the OpenCV natives jar");
        }
        classifier = new CascadeClassifier(file.getPath());
        if (classifier.empty()) {
            throw new IllegalStateException("cascade " + file + " did not load");
        }
        this.minFace = minFace;
    }

    @Override
    public List<DetectedFace> detect(Mat bgr) {
        Mat gray = new Mat();
        MatOfRect rects = new MatOfRect();
        try {
            Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
            Imgproc.equalizeHist(gray, gray);
            classifier.detectMultiScale(gray, rects, SCALE_FACTOR, MIN_NEIGHBOURS, 0, new Size(minFace, minFace),
                    new Size());
            List<DetectedFace> faces = new ArrayList<>();
            for (Rect r : rects.toArray()) {
                faces.add(DetectedFace.boxOnly(new FaceBox(r.x, r.y, r.width, r.height, 1)));
            }
            // No confidence from a cascade: larger faces first, as they are the nearer people.
            faces.sort((a, b) -> Double.compare(b.box().area(), a.box().area()));
            return faces;
        } finally {
            gray.release();
            rects.release();
        }
    }

    @Override
    public synchronized void close() {
        // CascadeClassifier has no release(); its native object goes with finalisation/cleaner of the Java wrapper.
    }
}
