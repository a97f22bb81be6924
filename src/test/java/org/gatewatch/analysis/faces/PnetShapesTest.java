package org.gatewatch.analysis.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The declared shapes of P-Net rewritten for a tile, on bytes laid out as a TFLite model lays out its shapes. */
class PnetShapesTest {

    /** Each shape as a length (4) and four int32, with other numbers between them. */
    private static byte[] model(int[]... shapes) {
        ByteBuffer b = ByteBuffer.allocate(shapes.length * 28 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(7);
        for (int[] s : shapes) {
            b.putInt(4);
            for (int v : s) {
                b.putInt(v);
            }
            b.putInt(12345);
            b.putInt(-1);
        }
        b.putInt(9);
        return b.array();
    }

    @Test
    void eachLayerGetsTheSidesThatFollowFromATile() {
        assertArrayEquals(new int[] {64, 62, 31, 29, 27}, PnetShapes.sides(64));
        assertArrayEquals(new int[] {1280, 1278, 639, 637, 635}, PnetShapes.sides(1280));
        assertArrayEquals(new int[] {960, 958, 479, 477, 475}, PnetShapes.sides(960));
        byte[] declared = model(new int[] {1, 1280, 960, 3}, new int[] {1, 1278, 958, 10}, new int[] {1, 639, 479, 10},
                new int[] {1, 637, 477, 16}, new int[] {1, 635, 475, 32}, new int[] {1, 635, 475, 2},
                new int[] {10, 3, 3, 3}, new int[] {1, 1, 1, 10});
        byte[] expected = model(new int[] {1, 64, 64, 3}, new int[] {1, 62, 62, 10}, new int[] {1, 31, 31, 10},
                new int[] {1, 29, 29, 16}, new int[] {1, 27, 27, 32}, new int[] {1, 27, 27, 2},
                new int[] {10, 3, 3, 3}, new int[] {1, 1, 1, 10});
        assertArrayEquals(expected, PnetShapes.forTile(declared, 64));
    }

    @Test
    void aModelWithoutExactlyOneImageInputIsLeftAlone() {
        assertNull(PnetShapes.forTile(model(new int[] {1, 1278, 958, 10}), 64), "no input");
        assertNull(PnetShapes.forTile(model(new int[] {1, 1280, 960, 3}, new int[] {1, 640, 480, 3}), 64),
                "two inputs");
    }
}
