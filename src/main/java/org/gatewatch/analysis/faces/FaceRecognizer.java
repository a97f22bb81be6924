package org.gatewatch.analysis.faces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gatewatch.analysis.StageTimer;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/**
 * Detect → align → embed → compare, the face half of the pipeline. The caller passes the current {@link Gallery} on
 * every call, so a new gallery takes effect on the next frame without locking. One thread at a time (the camera's
 * analysis thread or a tool); owns the detector and embedder it is given and closes them.
 */
public final class FaceRecognizer implements AutoCloseable {

    /** Border added around an image whose face fills it, so MTCNN's pyramid still sees face edges (tight crops). */
    private static final double RETRY_BORDER = 0.25;

    private final FaceDetector detector;
    private final FaceEmbedder embedder;
    private final FaceAligner aligner = new FaceAligner();
    private final StageTimer timer;

    public FaceRecognizer(FaceDetector detector, FaceEmbedder embedder) {
        this(detector, embedder, StageTimer.NONE);
    }

    /** As the two-argument constructor, telling {@code timer} what each {@link #recognizeLive} call costs. */
    public FaceRecognizer(FaceDetector detector, FaceEmbedder embedder, StageTimer timer) {
        this.detector = detector;
        this.embedder = embedder;
        this.timer = timer;
    }

    /** Every face in {@code bgr} (a frame or a person box) with its closest enrolled person; best detection first. */
    public List<RecognizedFace> recognize(Mat bgr, Gallery gallery) {
        return match(bgr, detect(bgr), gallery);
    }

    /**
     * Like {@link #recognize(Mat, Gallery)} for live camera frames: one detector pass, without the bordered retry
     * meant for photos cropped tight around a face (a live frame with no face would pay the detector twice).
     */
    public List<RecognizedFace> recognizeLive(Mat frame, Gallery gallery) {
        return recognizeLive(frame, List.of(new Rect(0, 0, frame.cols(), frame.rows())), gallery);
    }

    /**
     * Like {@link #recognizeLive(Mat, Gallery)}, looking only inside {@code areas} (frame pixels, not overlapping):
     * the detector's time grows with the pixels it sees. Faces are returned in frame pixels, embedded from the frame.
     */
    public List<RecognizedFace> recognizeLive(Mat frame, List<Rect> areas, Gallery gallery) {
        long t0 = System.nanoTime();
        List<DetectedFace> found = new ArrayList<>();
        for (Rect area : areas) {
            Rect r = clip(area, frame.cols(), frame.rows());
            if (r.width == frame.cols() && r.height == frame.rows()) {
                found.addAll(detector.detect(frame));
            } else if (r.width > 0 && r.height > 0) {
                Mat sub = frame.submat(r);
                try {
                    for (DetectedFace f : detector.detect(sub)) {
                        found.add(f.translate(r.x, r.y));
                    }
                } finally {
                    sub.release();
                }
            }
        }
        if (areas.size() > 1) {
            found.sort(Comparator.comparingDouble((DetectedFace f) -> f.box().score()).reversed());
        }
        long t1 = System.nanoTime();
        List<RecognizedFace> out = match(frame, found, gallery);
        timer.spent(StageTimer.Stage.FACE_DETECTION, t1 - t0, 1);
        timer.spent(StageTimer.Stage.FACE_RECOGNITION, System.nanoTime() - t1, found.size());
        return out;
    }

    private List<RecognizedFace> match(Mat bgr, List<DetectedFace> faces, Gallery gallery) {
        List<RecognizedFace> out = new ArrayList<>(faces.size());
        List<float[]> embeddings = embed(bgr, faces);
        for (int i = 0; i < faces.size(); i++) {
            out.add(new RecognizedFace(faces.get(i), embeddings.get(i), gallery.best(embeddings.get(i))));
        }
        return out;
    }

    /** Faces in {@code bgr}; if none, once more with a border, for photos cropped tightly around the face. */
    public List<DetectedFace> detect(Mat bgr) {
        List<DetectedFace> faces = detector.detect(bgr);
        if (!faces.isEmpty()) {
            return faces;
        }
        int b = (int) Math.round(Math.max(bgr.cols(), bgr.rows()) * RETRY_BORDER);
        Mat padded = new Mat();
        try {
            Core.copyMakeBorder(bgr, padded, b, b, b, b, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
            List<DetectedFace> shifted = new ArrayList<>();
            for (DetectedFace f : detector.detect(padded)) {
                shifted.add(f.translate(-b, -b));
            }
            return shifted;
        } finally {
            padded.release();
        }
    }

    /** Embeddings of the given faces of {@code bgr}, aligned on their landmarks (or cropped on their box). */
    public List<float[]> embed(Mat bgr, List<DetectedFace> faces) {
        List<Mat> aligned = new ArrayList<>(faces.size());
        try {
            for (DetectedFace f : faces) {
                aligned.add(f.landmarks().isPresent() ? aligner.align(bgr, f.landmarks().get()) : aligner.crop(bgr, f.box()));
            }
            return aligned.isEmpty() ? List.of() : embedder.embed(aligned);
        } finally {
            aligned.forEach(Mat::release);
        }
    }

    /**
     * The embedding of the one face of an enrollment image.
     *
     * @throws IllegalArgumentException when the image has no face or more than one (the upload is refused)
     */
    public float[] enrollmentEmbedding(Mat bgr) {
        List<DetectedFace> faces = detect(bgr);
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no face found");
        }
        if (faces.size() > 1) {
            throw new IllegalArgumentException(faces.size() + " faces found; an enrollment image must show one");
        }
        return embed(bgr, faces).get(0);
    }

    /** The largest face's recognition, for images that show one main person (probes, enrollment folders). */
    public Optional<RecognizedFace> largest(Mat bgr, Gallery gallery) {
        List<DetectedFace> faces = detect(bgr);
        DetectedFace big = null;
        for (DetectedFace f : faces) {
            if (big == null || f.box().area() > big.box().area()) {
                big = f;
            }
        }
        if (big == null) {
            return Optional.empty();
        }
        float[] e = embed(bgr, List.of(big)).get(0);
        return Optional.of(new RecognizedFace(big, e, gallery.best(e)));
    }

    /** Crops {@code region} (clipped to the frame) and recognises faces in it; results in frame pixels. */
    public List<RecognizedFace> recognize(Mat frame, Rect region, Gallery gallery) {
        Rect r = clip(region, frame.cols(), frame.rows());
        if (r.width <= 0 || r.height <= 0) {
            return List.of();
        }
        Mat sub = frame.submat(r);
        try {
            List<RecognizedFace> in = recognize(sub, gallery);
            List<RecognizedFace> out = new ArrayList<>(in.size());
            for (RecognizedFace f : in) {
                out.add(new RecognizedFace(f.face().translate(r.x, r.y), f.embedding(), f.best()));
            }
            return out;
        } finally {
            sub.release();
        }
    }

    private static Rect clip(Rect r, int w, int h) {
        int x = Math.max(0, r.x);
        int y = Math.max(0, r.y);
        int x2 = Math.min(w, r.x + r.width);
        int y2 = Math.min(h, r.y + r.height);
        return new Rect(x, y, x2 - x, y2 - y);
    }

    @Override
    public void close() {
        detector.close();
        embedder.close();
    }
}
