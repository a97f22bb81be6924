package org.gatewatch.bench.floor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gatewatch.capture.FfmpegSource;
import org.gatewatch.capture.SourceSpec;
import org.gatewatch.natives.OpenCvRuntime;
import org.gatewatch.stream.JpegEncoder;
import org.opencv.core.Mat;

/**
 * The demo camera's JPEGs, encoded once: the bundled clip's first frames at the demo's quality, so a bare server
 * sends parts of the same sizes as Tomcat does, and spends nothing per frame on decoding or encoding.
 */
final class DemoParts {

    /** The shipped configuration's {@code camera.demo.jpegQuality}. */
    static final int QUALITY = 80;

    private DemoParts() {
    }

    /** The first {@code count} frames of the bundled clip, each encoded to JPEG. */
    static List<byte[]> encode(int count) throws IOException {
        OpenCvRuntime.load();
        Path dir = Files.createTempDirectory("gatewatch-demo");
        Path clip = SourceSpec.unpackDemo(dir);
        try (FfmpegSource source = FfmpegSource.file(clip.toString()); JpegEncoder encoder = new JpegEncoder(QUALITY)) {
            source.open();
            List<byte[]> jpegs = new ArrayList<>(count);
            Mat frame;
            while (jpegs.size() < count && (frame = source.grab()) != null) {
                jpegs.add(encoder.encode(frame));
            }
            if (jpegs.isEmpty()) {
                throw new IOException("the demo clip gave no frames");
            }
            return jpegs;
        } finally {
            Files.deleteIfExists(clip);
            Files.deleteIfExists(clip.getParent());
            Files.deleteIfExists(dir);
        }
    }
}
