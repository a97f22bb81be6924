package org.gatewatch.analysis.faces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.natives.TfLiteModel;

/**
 * MTCNN's proposal net run on fixed-size tiles of a pyramid level, so its interpreter never changes shape. P-Net is
 * fully convolutional and a level can have any size, but with XNNPACK every new input shape plans the graph again
 * (about 2 ms here, against 0.17 ms for a 64×64 run), and a pyramid has a new shape at every level of every area.
 * Tiles also keep the interpreter small, once the model declares the tile's shapes ({@link PnetShapes}).
 *
 * <p>Output cell (i, j) sees the level's pixels [2i, 2i + 12) × [2j, 2j + 12). A tile of {@link #TILE} pixels, even,
 * holds {@link #CELLS} whole cells per side; tiles start every {@code 2 × CELLS} pixels, so each cell of the level is
 * taken from exactly one tile, where it sees the same pixels as in a run on the whole level. The one exception is the
 * last cell of a level whose side is odd: the whole-level run pools past the image's edge (padding ignored), a tile
 * pools over the gray it is padded with. One thread at a time; owns its interpreter.
 */
final class PnetTiles implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(PnetTiles.class);

    /** A tile's side, px: the whole vtest frame took 18 ms on 64×64 tiles, 20–22 on 48, 96 or 128. */
    static final int TILE = 64;
    /** The pixels one output cell sees per side, and how far apart cells start: P-Net's 12×12 window at stride 2. */
    static final int CELL = 12;
    static final int STRIDE = 2;
    /** Output cells per tile side whose pixels all lie in the tile. */
    static final int CELLS = (TILE - CELL) / STRIDE + 1;
    private static final int CHANNELS = 3;

    private final TfLiteModel pnet;
    private final float[] tile = new float[TILE * TILE * CHANNELS];

    PnetTiles(Path pnetFile) {
        this.pnet = interpreter(pnetFile);
    }

    /** P-Net declared for a tile ({@link PnetShapes}); another model as it is, reshaped to a tile, and a WARN. */
    private static TfLiteModel interpreter(Path pnetFile) {
        byte[] model;
        try {
            model = Files.readAllBytes(pnetFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pnetFile, e);
        }
        byte[] tiled = PnetShapes.forTile(model, TILE);
        if (tiled != null) {
            return TfLiteModel.fromBytes(pnetFile.getFileName().toString(), tiled, 1);
        }
        LOG.warn("{} does not declare one image input as P-Net does; it runs as it is, with working memory for the "
                + "input it declares", pnetFile.getFileName());
        TfLiteModel m = new TfLiteModel(pnetFile, 1);
        m.resizeInput(1, TILE, TILE, CHANNELS);
        return m;
    }

    /** Output cells per side of a level {@code side} px long, as P-Net run on the whole level gives them. */
    static int cells(int side) {
        return side < CELL ? 0 : (side - 1) / STRIDE - 4;
    }

    /**
     * P-Net's outputs for a whole level, laid out as a run on the level would give them: face probability
     * {@code [cellsW][cellsH][2]} and box regression {@code [cellsW][cellsH][4]}.
     *
     * @param level the level as {@link MtcnnInput#transposed}: width-major, w × h × 3
     */
    Outputs run(float[] level, int w, int h) {
        int cw = cells(w);
        int ch = cells(h);
        float[] prob = new float[cw * ch * 2];
        float[] reg = new float[cw * ch * 4];
        for (int ci = 0; ci < cw; ci += CELLS) {
            for (int cj = 0; cj < ch; cj += CELLS) {
                fill(level, w, h, ci * STRIDE, cj * STRIDE);
                pnet.invoke();
                float[] p = pnet.output(0);
                float[] r = pnet.output(1);
                int ni = Math.min(CELLS, cw - ci);
                int nj = Math.min(CELLS, ch - cj);
                for (int i = 0; i < ni; i++) {
                    int from = i * CELLS; // a tile's outputs are CELLS × CELLS: TILE is even
                    int to = (ci + i) * ch + cj;
                    System.arraycopy(p, from * 2, prob, to * 2, nj * 2);
                    System.arraycopy(r, from * 4, reg, to * 4, nj * 4);
                }
            }
        }
        return new Outputs(prob, reg, cw, ch);
    }

    /** Copies the level's pixels from (x0, y0) into the tile; zero, the nets' gray, past the level's edge. */
    private void fill(float[] level, int w, int h, int x0, int y0) {
        int rows = Math.min(TILE, h - y0);
        for (int i = 0; i < TILE; i++) {
            int x = x0 + i;
            int to = i * TILE * CHANNELS;
            if (x < w) {
                System.arraycopy(level, (x * h + y0) * CHANNELS, tile, to, rows * CHANNELS);
                Arrays.fill(tile, to + rows * CHANNELS, to + TILE * CHANNELS, 0f);
            } else {
                Arrays.fill(tile, to, to + TILE * CHANNELS, 0f);
            }
        }
        pnet.input().put(tile);
    }

    @Override
    public void close() {
        pnet.close();
    }

    /** A level's P-Net outputs: cell (i, j) at {@code i * cellsH + j}. */
    record Outputs(float[] prob, float[] reg, int cellsW, int cellsH) {
    }
}
