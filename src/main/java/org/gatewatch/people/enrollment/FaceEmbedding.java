package org.gatewatch.people.enrollment;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.gatewatch.analysis.faces.DetectedFace;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.people.InvalidInputException;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The embedding of the one face in an enrollment image: decoded, the face found by MTCNN, aligned on its five
 * landmarks and embedded, all by the one {@link FaceRecognizer} that enrollment owns. The recognizer is not
 * thread-safe, so calls take turns (a fair lock: uploads and the rebuild thread alternate face by face).
 */
final class FaceEmbedding implements AutoCloseable {

    /**
     * Longest side an image is scaled down to before detection. MTCNN's cost grows with the pixel count (its pyramid
     * starts at 20-px faces), and a face in an enrollment photo of this size is still well above the 112-px aligned
     * crop, so a 12-megapixel phone photo costs what a webcam frame does.
     */
    static final int MAX_SIDE = 1600;

    static final String NO_FACE = "no face found in the image: send a photo of one person, face to the camera";

    private final FaceRecognizer recognizer;
    private final ReentrantLock turn = new ReentrantLock(true);
    private boolean closed;

    /** Takes ownership of {@code recognizer}: {@link #close()} closes it. */
    FaceEmbedding(FaceRecognizer recognizer) {
        this.recognizer = recognizer;
    }

    /**
     * The embedding of the single face in {@code image} (JPEG or PNG bytes).
     *
     * @throws InvalidInputException (field "image") when it cannot be decoded, shows no face, or several
     */
    float[] embed(byte[] image) {
        MatOfByte bytes = new MatOfByte(image);
        Mat bgr = Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
        bytes.release();
        try {
            if (bgr.empty()) {
                throw new InvalidInputException("image", "the image cannot be decoded");
            }
            return embed(bgr);
        } finally {
            bgr.release();
        }
    }

    /** As {@link #embed(byte[])}, for a decoded BGR image; the caller keeps and releases it. */
    float[] embed(Mat bgr) {
        Mat scaled = scaledDown(bgr);
        try {
            turn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(scaled, bgr);
            throw new IllegalStateException("interrupted while waiting for the face models", e);
        }
        try {
            if (closed) {
                throw new IllegalStateException("enrollment has stopped");
            }
            List<DetectedFace> faces = recognizer.detect(scaled);
            if (faces.isEmpty()) {
                throw new InvalidInputException("image", NO_FACE);
            }
            if (faces.size() > 1) {
                throw new InvalidInputException("image", "several faces found (" + faces.size()
                        + "): an enrollment image must show one person only");
            }
            return recognizer.embed(scaled, faces).get(0);
        } finally {
            turn.unlock();
            release(scaled, bgr);
        }
    }

    private static Mat scaledDown(Mat bgr) {
        int side = Math.max(bgr.cols(), bgr.rows());
        if (side <= MAX_SIDE) {
            return bgr;
        }
        double f = (double) MAX_SIDE / side;
        Mat small = new Mat();
        Imgproc.resize(bgr, small, new Size(Math.round(bgr.cols() * f), Math.round(bgr.rows() * f)), 0, 0,
                Imgproc.INTER_AREA);
        return small;
    }

    /** Releases the scaled copy, never the caller's image. */
    private static void release(Mat scaled, Mat original) {
        if (scaled != original) {
            scaled.release();
        }
    }

    /** Waits for a call in progress, then frees the models' native memory. Idempotent. */
    @Override
    public void close() {
        turn.lock();
        try {
            if (!closed) {
                closed = true;
                recognizer.close();
            }
        } finally {
            turn.unlock();
        }
    }
}
