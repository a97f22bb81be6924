package org.gatewatch.bench.events;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** JPEGs of the sizes the analysis writes: a 768×576 frame (the demo clip's size) and a 112×112 face crop. */
final class SampleImages {

    private SampleImages() {
    }

    /** Smooth gradients with some noise, so the JPEG is about as large as a real frame (~60-90 kB). */
    static byte[] jpeg(int width, int height, long seed) throws IOException {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = random.nextInt(48);
                int r = Math.min(255, (x * 255 / width) / 2 + n);
                int g = Math.min(255, (y * 255 / height) / 2 + n);
                int b = Math.min(255, ((x + y) * 255 / (width + height)) / 2 + n);
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
