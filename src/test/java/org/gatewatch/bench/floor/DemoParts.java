package org.gatewatch.bench.floor;

import java.io.IOException;
import java.io.InputStream;
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
        Path clip = Files.createTempFile("gatewatch-demo", ".mp4");
        try {
            try (InputStream in = DemoParts.class.getClassLoader().getResourceAsStream(SourceSpec.DEMO_RESOURCE)) {
                if (in == null) {
                    throw new IOException("the demo clip " + SourceSpec.DEMO_RESOURCE + " is not on the class path");
                }
                Files.write(clip, in.readAllBytes());
            }
            List<byte[]> jpegs = new ArrayList<>(count);
            try (FfmpegSource source = FfmpegSource.file(clip.toString()); JpegEncoder encoder = new JpegEncoder(QUALITY)) {
                source.open();
                Mat frame;
                while (jpegs.size() < count && (frame = source.grab()) != null) {
                    jpegs.add(encoder.encode(frame));
                }
            }
            if (jpegs.isEmpty()) {
                throw new IOException("the demo clip gave no frames");
            }
            return jpegs;
        } finally {
            Files.deleteIfExists(clip);
        }
    }
}
