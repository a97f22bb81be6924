package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Decoding of the images the tests receive: stream parts, snapshots, browser screenshots. */
public final class Images {

    private Images() {
    }

    /** Fails the test unless {@code bytes} are an image ImageIO can read, with a width and a height. */
    public static BufferedImage decode(byte[] bytes, String what) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            assertNotNull(img, what + ": ImageIO cannot decode these " + bytes.length + " bytes");
            assertTrue(img.getWidth() > 0 && img.getHeight() > 0, what + ": empty image");
            return img;
        } catch (IOException e) {
            throw new AssertionError(what + ": not a readable image: " + e, e);
        }
    }
}
