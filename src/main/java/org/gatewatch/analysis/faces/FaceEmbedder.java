package org.gatewatch.analysis.faces;

import java.util.List;
import org.opencv.core.Mat;

/**
 * Turns aligned faces into unit-length embeddings compared by cosine similarity. {@link MobileFaceNetEmbedder} is
 * the built-in one; SFace (an operator-supplied ONNX model through OpenCV's FaceRecognizerSF) fits the same seam.
 * One thread at a time; owns its native state and frees it in {@link #close()}.
 */
public interface FaceEmbedder extends AutoCloseable {

    /** One L2-normalised embedding per aligned BGR face, in order. */
    List<float[]> embed(List<Mat> alignedFaces);

    default float[] embed(Mat alignedFace) {
        return embed(List.of(alignedFace)).get(0);
    }

    @Override
    void close();
}
