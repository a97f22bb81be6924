package org.gatewatch.analysis.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gatewatch.bench.pedestrians.PedestrianBenchmark;
import org.gatewatch.capture.FfmpegSource;
import org.gatewatch.natives.FaceModels;
import org.gatewatch.natives.OpenCvRuntime;
import org.gatewatch.natives.TfLiteModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * P-Net on tiles, its model declared for a tile, gives what the model as shipped gives on the whole pyramid level, on
 * a real frame (vtest.avi), for levels smaller than a tile, a tile's size, odd sizes and several tiles across.
 */
class PnetTilesIT {

    private static final Path VTEST = PedestrianBenchmark.VTEST;
    private static Mat rgb;

    @BeforeAll
    static void frame() throws IOException {
        if (!Files.isReadable(VTEST)) {
            System.out.println("PnetTilesIT skipped: " + VTEST + " is missing (apt-get install opencv-doc; "
                    + "bin/gatewatch test installs it)");
        }
        assumeTrue(Files.isReadable(VTEST), VTEST + " is missing");
        OpenCvRuntime.load();
        try (FfmpegSource source = FfmpegSource.file(VTEST.toString())) {
            source.open();
            Mat bgr = null;
            for (int i = 0; i < 100; i++) {
                bgr = source.grab();
            }
            rgb = new Mat();
            Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
        }
    }

    @Test
    void theModelIsDeclaredForATile() throws IOException {
        byte[] tiled = PnetShapes.forTile(Files.readAllBytes(FaceModels.locate(FaceModels.PNET)), PnetTiles.TILE);
        assertTrue(tiled != null, "P-Net's declared shapes were not recognised");
        try (TfLiteModel m = TfLiteModel.fromBytes("pnet", tiled, 1)) {
            assertArrayEquals(new int[] {1, PnetTiles.TILE, PnetTiles.TILE, 3}, m.inputShape());
        }
    }

    @Test
    void tilesGiveTheWholeLevelsOutputs() {
        int[][] sizes = {{12, 12}, {13, 15}, {40, 29}, {64, 64}, {65, 97}, {231, 173}, {300, 41}};
        Path file = FaceModels.locate(FaceModels.PNET);
        try (PnetTiles tiles = new PnetTiles(file); TfLiteModel whole = new TfLiteModel(file, 1)) {
            int compared = 0;
            for (int[] s : sizes) {
                int w = s[0];
                int h = s[1];
                Mat level = new Mat();
                Imgproc.resize(rgb, level, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
                float[] input = MtcnnInput.transposed(level, w, h);
                level.release();
                PnetTiles.Outputs tiled = tiles.run(input, w, h);
                whole.resizeInput(1, w, h, 3);
                whole.input().put(input);
                whole.invoke();
                int[] shape = whole.outputShape(0);
                assertEquals(shape[1], tiled.cellsW(), "cells across a level " + w + " wide");
                assertEquals(shape[2], tiled.cellsH(), "cells down a level " + h + " high");
                float[] prob = whole.output(0);
                float[] reg = whole.output(1);
                for (int i = 0; i < tiled.cellsW(); i++) {
                    for (int j = 0; j < tiled.cellsH(); j++) {
                        // An odd side's last cell pools past the level's edge: padding there, gray in a tile.
                        if ((w % 2 == 1 && i == tiled.cellsW() - 1) || (h % 2 == 1 && j == tiled.cellsH() - 1)) {
                            continue;
                        }
                        int cell = i * tiled.cellsH() + j;
                        for (int k = 0; k < 2; k++) {
                            assertEquals(prob[cell * 2 + k], tiled.prob()[cell * 2 + k], 1e-4,
                                    "face probability of cell " + i + "," + j + " of a " + w + "×" + h + " level");
                        }
                        for (int k = 0; k < 4; k++) {
                            assertEquals(reg[cell * 4 + k], tiled.reg()[cell * 4 + k], 1e-4,
                                    "box regression of cell " + i + "," + j + " of a " + w + "×" + h + " level");
                        }
                        compared++;
                    }
                }
            }
            assertTrue(compared > 10_000, "cells compared: " + compared);
        }
    }
}
