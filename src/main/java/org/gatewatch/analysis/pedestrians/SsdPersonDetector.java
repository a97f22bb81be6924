package org.gatewatch.analysis.pedestrians;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.gatewatch.natives.InferenceThreads;
import org.gatewatch.natives.PersonModel;
import org.gatewatch.natives.TfLiteModel;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * SSD-MobileNet-v2 trained on COCO, quantised for TensorFlow Lite with its post-processing inside the graph
 * ({@link PersonModel}): 300×300 RGB uint8 in; boxes, classes, scores and a count out, non-maximum suppression done.
 * Unlike HOG it knows people from any side, close up, seated, cut by the frame's edge or partly hidden. Each region
 * is shown to the model through the squares {@link SsdTiling} picks, so small people are enlarged and large ones are
 * seen whole; boxes from different squares are merged by the caller's {@link NonMaxSuppression}.
 */
public final class SsdPersonDetector implements PedestrianDetector {

    /**
     * Lowest person score kept. The model's scores are quantised in steps of about 0.004; at 0.5 it kept no box on
     * the empty footage of bench-people while losing few people (measured there); the tracker's two hits remove
     * most of what single frames let through.
     */
    public static final double MIN_SCORE = 0.5;
    /** Boxes, classes, scores, count: the post-processing op's outputs, in this order. */
    private static final int BOXES = 0;
    private static final int CLASSES = 1;
    private static final int SCORES = 2;
    private static final int COUNT = 3;

    /** One thread, for a look while other looks run; and the node's widest, for a look alone (null if 1). */
    private final TfLiteModel model;
    private final TfLiteModel wide;
    private final InferenceThreads threads;
    private final int side;
    private final double minScore;
    private final Mat resized = new Mat();
    private final Mat rgb = new Mat();
    private final byte[] pixels;
    private boolean closed;

    /** The model the build ships, for a camera alone. Needs the OpenCV and TFLite natives. */
    public static SsdPersonDetector create() {
        return create(InferenceThreads.alone());
    }

    /** The model the build ships, running on the threads {@code threads} gives each run. */
    public static SsdPersonDetector create(InferenceThreads threads) {
        return new SsdPersonDetector(PersonModel.locate(), MIN_SCORE, threads);
    }

    public SsdPersonDetector(Path modelFile, double minScore, InferenceThreads threads) {
        this.model = new TfLiteModel(modelFile, 1);
        this.threads = threads;
        int[] shape = model.inputShape();
        if (shape.length != 4 || shape[1] != shape[2] || shape[3] != 3) {
            model.close();
            throw new IllegalArgumentException("not a square RGB SSD input: " + java.util.Arrays.toString(shape));
        }
        try {
            this.wide = threads.wide() > 1 ? new TfLiteModel(modelFile, threads.wide()) : null;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        this.side = shape[1];
        this.minScore = minScore;
        this.pixels = new byte[side * side * 3];
    }

    /** The model's input side in pixels (300). */
    public int inputSide() {
        return side;
    }

    @Override
    public List<Detection> detect(Mat frame) {
        return look(frame, SearchRegion.whole(frame.cols(), frame.rows()));
    }

    @Override
    public List<Detection> detect(Mat frame, List<SearchRegion> regions) {
        List<Detection> found = new ArrayList<>();
        for (SearchRegion region : regions) {
            for (SearchRegion tile : SsdTiling.tiles(region, frame.cols(), frame.rows(), side)) {
                found.addAll(look(frame, tile));
            }
        }
        return found;
    }

    /** One model run on one part of the frame. */
    List<Detection> look(Mat frame, SearchRegion tile) {
        if (tile.width() < 2 || tile.height() < 2) {
            return List.of();
        }
        Mat crop = frame.submat(new Rect(tile.x(), tile.y(), tile.width(), tile.height()));
        try {
            Imgproc.resize(crop, resized, new Size(side, side), 0, 0, Imgproc.INTER_AREA);
            Imgproc.cvtColor(resized, rgb, Imgproc.COLOR_BGR2RGB);
        } finally {
            crop.release();
        }
        rgb.get(0, 0, pixels);
        TfLiteModel m = model;
        int runThreads = threads.start();
        try {
            if (wide != null && runThreads > 1) {
                m = wide; // no other look runs on this node now: this one may have the cores
            }
            BytePointer input = m.inputBytes();
            input.put(pixels);
            m.invoke();
        } finally {
            threads.finished();
        }
        float[] count = m.output(COUNT);
        return SsdOutput.persons(m.output(BOXES), m.output(CLASSES), m.output(SCORES),
                count.length == 0 ? 0 : Math.round(count[0]), minScore, tile, frame.cols(), frame.rows());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            model.close();
            if (wide != null) {
                wide.close();
            }
            resized.release();
            rgb.release();
        }
    }
}
