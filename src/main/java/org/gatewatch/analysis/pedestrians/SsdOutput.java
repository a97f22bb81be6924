package org.gatewatch.analysis.pedestrians;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the four outputs of a TensorFlow Lite SSD with its post-processing op (TFLite_Detection_PostProcess, whose
 * non-maximum suppression has already run): boxes as normalised [ymin, xmin, ymax, xmax], class indices (0-based, COCO
 * class 0 is person), scores, and how many of the rows are filled. The boxes are relative to the tile the model saw,
 * which is mapped back to the frame. Plain arrays in, plain detections out: tested without natives.
 */
public final class SsdOutput {

    /** COCO's "person" in the 0-based label map the Coral models use (coco_labels.txt: {@code 0  person}). */
    public static final int PERSON = 0;

    /**
     * Boxes under this share of the model's input height are dropped: SSD-MobileNet-v2's smallest anchors are a
     * tenth of its input (the TensorFlow Object Detection API's config, scale 0.1 on the lowest layer), and a
     * smaller box is a guess, not a person (on vtest.avi's whole frame, 24 px figures on the far lawn).
     */
    public static final double MIN_HEIGHT_OF_INPUT = 0.1;

    private SsdOutput() {
    }

    /**
     * The persons scoring at least {@code minScore} and at least {@link #MIN_HEIGHT_OF_INPUT} of the input tall, in
     * frame pixels and clipped to the frame.
     *
     * @param tile the part of the frame that was resized to the model's input
     */
    public static List<Detection> persons(float[] boxes, float[] classes, float[] scores, int count, double minScore,
                                          SearchRegion tile, int cols, int rows) {
        int n = Math.min(count, Math.min(scores.length, Math.min(classes.length, boxes.length / 4)));
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (Math.round(classes[i]) != PERSON || scores[i] < minScore
                    || clamp01(boxes[4 * i + 2]) - clamp01(boxes[4 * i]) < MIN_HEIGHT_OF_INPUT) {
                continue;
            }
            double y0 = tile.y() + clamp01(boxes[4 * i]) * tile.height();
            double x0 = tile.x() + clamp01(boxes[4 * i + 1]) * tile.width();
            double y1 = tile.y() + clamp01(boxes[4 * i + 2]) * tile.height();
            double x1 = tile.x() + clamp01(boxes[4 * i + 3]) * tile.width();
            int x = (int) Math.round(Math.max(0, x0));
            int y = (int) Math.round(Math.max(0, y0));
            int w = (int) Math.round(Math.min(cols, x1)) - x;
            int h = (int) Math.round(Math.min(rows, y1)) - y;
            if (w >= 2 && h >= 2) {
                out.add(new Detection(x, y, w, h, scores[i]));
            }
        }
        return out;
    }

    private static double clamp01(float v) {
        return Math.max(0, Math.min(1, v));
    }
}
