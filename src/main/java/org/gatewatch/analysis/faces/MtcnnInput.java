package org.gatewatch.analysis.faces;

import java.util.List;
import org.gatewatch.natives.TfLiteModel;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * What MTCNN's nets are fed: the authors' Caffe weights converted, so they see the image transposed (width first),
 * RGB, scaled to (x - 127.5) / 128; R-Net and O-Net take a batch of candidate crops.
 */
final class MtcnnInput {

    private static final double MEAN = 127.5;
    private static final double SCALE = 0.0078125;

    private MtcnnInput() {
    }

    /** Crops every candidate (zero outside the image), resizes to size×size, runs the net as one batch. */
    static float[][] runOnCrops(TfLiteModel net, Mat rgb, List<MtcnnCandidate> boxes, int size, int outputs) {
        int n = boxes.size();
        float[] batch = new float[n * size * size * 3];
        Mat crop = new Mat();
        Mat resized = new Mat();
        try {
            for (int b = 0; b < n; b++) {
                MtcnnCandidate k = boxes.get(b);
                cropWithPadding(rgb, (int) k.x1, (int) k.y1, (int) k.x2, (int) k.y2, crop);
                Imgproc.resize(crop, resized, new Size(size, size), 0, 0, Imgproc.INTER_AREA);
                float[] one = transposed(resized, size, size);
                System.arraycopy(one, 0, batch, b * one.length, one.length);
            }
        } finally {
            crop.release();
            resized.release();
        }
        net.resizeInput(n, size, size, 3);
        net.input().put(batch);
        net.invoke();
        float[][] out = new float[outputs][];
        for (int o = 0; o < outputs; o++) {
            out[o] = net.output(o);
        }
        return out;
    }

    /** The inclusive box [x1..x2]×[y1..y2] of {@code src}, zero where it leaves the image. */
    static void cropWithPadding(Mat src, int x1, int y1, int x2, int y2, Mat dst) {
        int w = Math.max(1, x2 - x1 + 1);
        int h = Math.max(1, y2 - y1 + 1);
        dst.create(h, w, src.type());
        dst.setTo(new Scalar(0, 0, 0));
        int sx1 = Math.max(0, x1);
        int sy1 = Math.max(0, y1);
        int sx2 = Math.min(src.cols() - 1, x2);
        int sy2 = Math.min(src.rows() - 1, y2);
        if (sx2 >= sx1 && sy2 >= sy1) {
            Mat from = src.submat(new Rect(sx1, sy1, sx2 - sx1 + 1, sy2 - sy1 + 1));
            Mat to = dst.submat(new Rect(sx1 - x1, sy1 - y1, sx2 - sx1 + 1, sy2 - sy1 + 1));
            from.copyTo(to);
            from.release();
            to.release();
        }
    }

    /** RGB 8-bit image (w×h) as the nets' input: width-major ("transposed"), (x - 127.5) / 128. */
    static float[] transposed(Mat rgb, int w, int h) {
        byte[] px = new byte[w * h * 3];
        rgb.get(0, 0, px);
        float[] out = new float[px.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int src = (y * w + x) * 3;
                int dst = (x * h + y) * 3;
                for (int c = 0; c < 3; c++) {
                    out[dst + c] = (float) (((px[src + c] & 0xff) - MEAN) * SCALE);
                }
            }
        }
        return out;
    }
}
