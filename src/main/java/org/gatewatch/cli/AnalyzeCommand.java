package org.gatewatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.Box;
import org.gatewatch.analysis.pedestrians.PedestrianAnalyzer;
import org.gatewatch.analysis.track.Tracker.TrackedObject;
import org.gatewatch.capture.FfmpegSource;
import org.gatewatch.config.ConfigLoader;
import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.config.PedestrianSection;
import org.gatewatch.natives.OpenCvRuntime;
import org.opencv.core.Mat;

/**
 * {@code bin/gatewatch analyze VIDEO [--config FILE] > out.csv}: runs a camera's pedestrian analysis
 * ({@link PedestrianAnalyzer}, the class the live pipeline uses) over every frame of a video file, as fast as it
 * decodes, and writes one CSV row per reported person per frame. The CSV on standard output is this tool's product,
 * so it goes through the PrintStream handed in; everything else is logged through Log4j (to stderr via the
 * launcher's configuration).
 */
public final class AnalyzeCommand {

    private static final Logger LOG = LogManager.getLogger(AnalyzeCommand.class);

    public static final String HEADER = "frame,track,x,y,w,h,score";

    public static final String USAGE = """
            Usage: bin/gatewatch analyze VIDEO [--config FILE [--camera ID]] [--set people.KEY=VALUE]... [--frames N]

            Runs the pedestrian analysis of a camera (motion gating, person detector, tracker) over every frame
            of VIDEO and writes CSV to standard output, one row per tracked person per frame:
              frame,track,x,y,w,h,score
            frame is the 0-based decode index, x,y,w,h the person's box in the video's pixels, track the id that
            follows the person across frames, score the detector's confidence of the last detection.

              --config FILE   properties file with people.* keys (below); other keys in the file are ignored
              --camera ID     read FILE as the server does (a whole GateWatch configuration listing ID) and analyse
                              as camera ID: its camera.ID.people.* keys and camera.ID.countingLine apply too
              --set K=V       override one people.* key (repeatable), after --config
              --frames N      stop after N frames
            Progress and a summary (frames, ms per frame, tracks, in/out counts) go to standard error.
            A missing or unreadable VIDEO or FILE exits with status 2 and a message.

            Keys (default, range):
            """ + PedestrianSection.KEY_HELP;

    /**
     * What a run measured, for the summary line and the benchmark.
     *
     * @param rows       CSV rows: reported (tracked) pedestrians summed over frames
     * @param detections the detector's boxes after NMS, before tracking, summed over frames
     * @param cpuMsPerFrame this process's CPU time per frame, all threads (OpenCV's HOG uses both cores): less
     *                   sensitive than wall time to other work on the machine
     */
    public record Summary(long frames, long rows, long detections, int tracks, double msPerFrame, double cpuMsPerFrame, double motionMsPerFrame,
                          double detectMsPerFrame, long framesWithDetector, double meanScannedShare,
                          double fps, long in, long out) {
    }

    private AnalyzeCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Parses the arguments and runs; returns the exit status (0 ok, 1 failed, 2 bad usage or input). */
    public static int run(String[] args, PrintStream out) {
        try {
            CommandLine cl = CommandLine.parse(args, Set.of("--config", "--camera", "--set", "--frames"), Set.of());
            if (cl.help()) {
                out.print(USAGE);
                return 0;
            }
            if (cl.plain().size() != 1) {
                throw new IllegalArgumentException(cl.plain().isEmpty() ? "no VIDEO given"
                        : "one VIDEO only, not " + cl.plain());
            }
            Path video = Path.of(cl.plain().get(0));
            Path configFile = cl.value("--config", Path::of, null);
            String camera = cl.value("--camera").orElse(null);
            List<String> overrides = cl.values("--set");
            long maxFrames = cl.value("--frames", Long::parseLong, Long.MAX_VALUE);
            PedestrianConfig config = loadConfig(configFile, camera, overrides);
            checkReadable(video);
            analyze(video, config, maxFrames, out);
            return 0;
        } catch (IllegalArgumentException e) { // ConfigException among them
            LOG.error("analyze: {} (--help explains)", e.getMessage());
            return 2;
        } catch (IOException e) {
            LOG.error("analyze: {}", e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            LOG.error("analyze failed", e);
            return 1;
        }
    }

    /** The configuration: defaults, then the file's people.* keys, then each {@code --set}. */
    public static PedestrianConfig loadConfig(Path file, List<String> overrides) throws IOException {
        return loadConfig(file, null, overrides);
    }

    /**
     * The configuration: defaults, then the file's people.* keys, then each {@code --set} people.* key. With a
     * {@code camera}, the file is read as the server reads it (it must list that camera) and the camera's own
     * record is taken: its camera.ID.people.* keys and counting line over the shared ones, each {@code --set} last.
     */
    public static PedestrianConfig loadConfig(Path file, String camera, List<String> overrides) throws IOException {
        Properties p = new Properties();
        if (file != null) {
            checkReadable(file);
            try (InputStream in = Files.newInputStream(file)) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        Map<String, String> sets = sets(overrides);
        if (camera == null) {
            p.putAll(sets);
            return PedestrianSection.parse(p);
        }
        List<String> listed = List.of(p.getProperty("cameras", "").trim().split("\\s*,\\s*"));
        if (!listed.contains(camera)) {
            throw new IllegalArgumentException("--camera " + camera + ": " + (file == null ? "needs --config"
                    : file + " lists cameras = " + p.getProperty("cameras", "")));
        }
        // Written as the camera's own keys, --set wins over the file as the camera's block does (the line included).
        String own = "camera." + camera + ".";
        sets.forEach((key, value) -> p.setProperty(key.equals("people.countingLine") ? own + "countingLine"
                : own + key, value));
        return ConfigLoader.parse(p, file.toString()).camera(camera).pedestrians();
    }

    /** The {@code --set KEY=VALUE} overrides, in order, each key one of the people.* keys. */
    private static Map<String, String> sets(List<String> overrides) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (String kv : overrides) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + kv + "'");
            }
            String key = kv.substring(0, eq).trim();
            if (!PedestrianSection.isKey(key)) {
                throw new IllegalArgumentException("--set " + key + ": not a people.* key (--help lists them)");
            }
            sets.put(key, kv.substring(eq + 1).trim());
        }
        return sets;
    }

    /**
     * Analyses every frame of {@code video} (up to {@code maxFrames}) and writes the CSV to {@code out}.
     * Decodes without pacing: an offline run goes as fast as the machine allows.
     */
    public static Summary analyze(Path video, PedestrianConfig config, long maxFrames, PrintStream out)
            throws IOException {
        OpenCvRuntime.load();
        long rows = 0;
        long detections = 0;
        long frames = 0;
        long motionNanos = 0;
        long detectNanos = 0;
        long withDetector = 0;
        double scanned = 0;
        long start = System.nanoTime();
        long cpuStart = Machine.processCpuNanos();
        PedestrianAnalyzer.Result last = null;
        int tracks;
        try (FfmpegSource source = new FfmpegSource(video.toString(), null, Map.of(), false, false);
             PedestrianAnalyzer analyzer = new PedestrianAnalyzer(config)) {
            source.open();
            out.println(HEADER); // only once the video opened: a failed run leaves no half-written CSV
            double fps = source.fps();
            Mat frame;
            while (frames < maxFrames && (frame = source.grab()) != null) {
                last = analyzer.analyze(frame);
                for (TrackedObject t : last.pedestrians()) {
                    out.println(row(last.frame(), t));
                    rows++;
                }
                frames++;
                detections += last.detections();
                motionNanos += last.motionNanos();
                detectNanos += last.detectNanos();
                withDetector += last.detectorRan() ? 1 : 0;
                scanned += last.scannedShare();
                if (frames % 200 == 0) {
                    LOG.info("{} frames, {} tracks so far", frames, analyzer.tracksStarted());
                }
            }
            tracks = analyzer.tracksStarted();
            out.flush();
            double ms = (System.nanoTime() - start) / 1e6;
            double cpuMs = (Machine.processCpuNanos() - cpuStart) / 1e6;
            Summary s = new Summary(frames, rows, detections, tracks, frames == 0 ? 0 : ms / frames,
                    frames == 0 ? 0 : cpuMs / frames,
                    frames == 0 ? 0 : motionNanos / 1e6 / frames, frames == 0 ? 0 : detectNanos / 1e6 / frames,
                    withDetector, frames == 0 ? 0 : scanned / frames, fps,
                    last == null ? 0 : last.in(), last == null ? 0 : last.out());
            LOG.info("{}: {} frames, {} rows, {} tracks, {} ms/frame (motion {}, detector {}; detector ran on {} "
                            + "frames over {} % of the picture on average), in {} out {}",
                    video, frames, rows, tracks, fmt(s.msPerFrame()), fmt(s.motionMsPerFrame()),
                    fmt(s.detectMsPerFrame()), withDetector, fmt(100 * s.meanScannedShare()), s.in(), s.out());
            return s;
        }
    }

    public static String row(long frame, TrackedObject t) {
        Box b = t.box();
        return frame + "," + t.id() + "," + Math.round(b.x()) + "," + Math.round(b.y()) + ","
                + Math.round(b.width()) + "," + Math.round(b.height()) + "," + String.format(Locale.ROOT, "%.3f",
                t.score());
    }

    private static void checkReadable(Path file) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("cannot read " + file + " (missing, not a file, or not readable)");
        }
    }

    public static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
