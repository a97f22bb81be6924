package org.gatewatch.analysis.faces;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * P-Net's model with the shapes it declares rewritten for one tile size. The model declares a 1280×960 input, and
 * XNNPACK sizes its working memory for the shapes a model declares when it takes the graph over, before any input is
 * resized: about 140 MB an interpreter, which stay. Declared for a 64×64 tile it takes about 5 MB, and computes the
 * same outputs (checked in {@code PnetTilesIT}).
 *
 * <p>Every shape in a TFLite model is a vector of four little-endian int32 preceded by its length (4). P-Net's are
 * its input [1, W, H, 3] and, per layer, [1, w, h, channels] with w and h following from W and H: 3×3 convolution
 * (side − 2), 2×2 pooling at stride 2 (half, rounded up), two more 3×3 convolutions. Plain bytes: no natives.
 */
final class PnetShapes {

    private PnetShapes() {
    }

    /** The sides each layer's output has, for an input {@code side} px long: input, conv1, pool1, conv2, conv3. */
    static int[] sides(int side) {
        int pooled = (side - 2 + 1) / 2;
        return new int[] {side, side - 2, pooled, pooled - 2, pooled - 4};
    }

    /**
     * The model with every declared [1, w, h, c] of the layers above rewritten for a {@code tile}×{@code tile} input;
     * null when the model does not declare its input exactly once as [1, W, H, 3] with W and H at least 12, so it
     * is not the model this was written for.
     */
    static byte[] forTile(byte[] model, int tile) {
        byte[] out = model.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int inputAt = -1;
        for (int i = 4; i + 16 <= out.length; i += 4) {
            if (isShape(b, i) && b.getInt(i + 12) == 3 && b.getInt(i + 4) >= 12 && b.getInt(i + 8) >= 12) {
                if (inputAt >= 0) {
                    return null;
                }
                inputAt = i;
            }
        }
        if (inputAt < 0) {
            return null;
        }
        int[] w = sides(b.getInt(inputAt + 4));
        int[] h = sides(b.getInt(inputAt + 8));
        int[] t = sides(tile);
        for (int i = 4; i + 16 <= out.length; i += 4) {
            if (!isShape(b, i)) {
                continue;
            }
            for (int layer = 0; layer < w.length; layer++) {
                if (b.getInt(i + 4) == w[layer] && b.getInt(i + 8) == h[layer]) {
                    b.putInt(i + 4, t[layer]);
                    b.putInt(i + 8, t[layer]);
                    break;
                }
            }
        }
        return out;
    }

    /** A length-4 int32 vector at {@code i} that starts with a batch of 1. */
    private static boolean isShape(ByteBuffer b, int i) {
        return b.getInt(i - 4) == 4 && b.getInt(i) == 1 && b.getInt(i + 4) > 0 && b.getInt(i + 8) > 0
                && b.getInt(i + 12) > 0 && b.getInt(i + 12) <= 64;
    }
}
