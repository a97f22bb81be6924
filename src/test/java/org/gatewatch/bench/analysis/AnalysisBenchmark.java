package org.gatewatch.bench.analysis;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.StillLooks;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.bench.faces.RecognitionPerFace;
import org.gatewatch.bench.pedestrians.PedestrianBenchmark;
import org.gatewatch.cli.AnalyzeCommand;
import org.gatewatch.cli.CommandLine;
import org.gatewatch.cli.FaceEvaluation;
import org.gatewatch.cli.FacesTool;
import org.gatewatch.cli.Machine;
import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.gate.GateAnalysis;
import org.gatewatch.natives.OpenCvRuntime;

/**
 * {@code bin/gatewatch bench-analysis}: the speed of the live gate analysis on vtest.avi, with motion gating on and
 * off: ms per frame (mean, p95) and the frame rate each stage allows (motion, people, faces, recognition), the
 * whole analysis's frame rate, and CPU per frame. The stream half of the benchmark (delivered fps with analysis on
 * and off) is bin/bench-analysis's, which runs this first. The result on standard output is this tool's product
 * (hence the PrintStream); progress is logged.
 */
public final class AnalysisBenchmark {

    private static final Logger LOG = LogManager.getLogger(AnalysisBenchmark.class);

    /** Fewer faces than this on the footage do not make a recognition figure: time it on the face photos too. */
    public static final int MIN_FACES = 30;

    public static final String USAGE = """
            Analysis options:
              --video FILE       footage (default %s, Debian package opencv-doc)
              --frames N         analyse at most N frames (default: the whole clip, 795 frames)
              --warmup N         frames analysed first but not counted (default 10: JIT, and the background
                                 model's first frames, when the whole picture looks like motion)
              --motion MODE      on, off or both (default both): people.motion.enabled for the run
              --faces-dir DIR    face benchmark images (default target/face-bench, from bin/fetch-face-images):
                                 the gallery/ people are enrolled, so recognition matches against a real gallery,
                                 and recognition is timed per face on all the photos when the footage shows fewer
                                 than %d faces. Without it the gallery is empty.
              --face-min-size N  smallest face the detector looks for, px (default %d, faces.minSize)
              --set K=V          a people.* key for every run (repeatable; 'analyze --help' lists them)
              --still-seconds N  then an empty gate for N seconds of frames (default 60; 0 skips it), motion
                                 gating on: the footage's own empty background (the per-pixel median of its
                                 frames) with sensor noise and a slow light drift, as a still gate camera sees it

            Each frame runs GateAnalysis.analyze, the camera's live 'gate' analysis (people, then faces when
            something moves, someone is tracked, or every 10th frame, less often in a still, empty picture), on
            one thread with the wall clock, decoding outside the timing. Stages: motion = MOG2 background model +
            regions of interest; people = HOG + NMS + tracker; faces = MTCNN over the frame; recognition = align +
            MobileFaceNet + gallery match; other = the rest of GateAnalysis (walks, votes, liveness scores of
            faces that could grant access, decisions, snapshot JPEGs, overlay). The gate has a camera's default
            face settings (liveness score, 3 votes).
            ms/frame counts every frame, 0 where the stage did not run; fps = 1000 / mean. CPU: the analysis
            thread's, and the whole process's (OpenCV's worker threads run HOG on the other core too).
            """.formatted(PedestrianBenchmark.VTEST, MIN_FACES, RecognitionConfig.DEFAULTS.minSize());

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        try {
            CommandLine cl = CommandLine.parse(args, Set.of("--video", "--frames", "--warmup", "--faces-dir", "--set",
                    "--still-seconds", "--face-min-size", "--motion"), Set.of());
            if (cl.help()) {
                out.print(USAGE);
                return 0;
            }
            if (!cl.plain().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument '" + cl.plain().get(0) + "'");
            }
            Path video = cl.value("--video", Path::of, PedestrianBenchmark.VTEST);
            Path facesDir = cl.value("--faces-dir", Path::of, Path.of("target/face-bench"));
            long maxFrames = cl.value("--frames", Long::parseLong, Long.MAX_VALUE);
            int warmup = cl.value("--warmup", Integer::parseInt, 10);
            int stillSeconds = cl.value("--still-seconds", Integer::parseInt, 60);
            int minFaceSize = cl.value("--face-min-size", Integer::parseInt, RecognitionConfig.DEFAULTS.minSize());
            List<String> overrides = cl.values("--set");
            List<Boolean> modes = switch (cl.value("--motion").orElse("both")) {
                case "on" -> List.of(true);
                case "off" -> List.of(false);
                case "both" -> List.of(true, false);
                default -> throw new IllegalArgumentException("--motion must be on, off or both");
            };
            if (!Files.isReadable(video)) {
                throw new IOException("cannot read " + video + " (apt-get install opencv-doc)");
            }
            bench(video, facesDir, maxFrames, warmup, modes, overrides, stillSeconds, new GateTiming(minFaceSize), out);
            return 0;
        } catch (IllegalArgumentException | IOException | FaceEvaluation.InputException e) {
            LOG.error("bench-analysis: {} (--help explains)", e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            LOG.error("bench-analysis failed", e);
            return 1;
        }
    }

    private static void bench(Path video, Path facesDir, long maxFrames, int warmup, List<Boolean> modes,
                              List<String> overrides, int stillSeconds, GateTiming timing, PrintStream out)
            throws IOException {
        OpenCvRuntime.load();
        boolean photos = Files.isDirectory(facesDir.resolve("gallery"));
        Gallery gallery = photos ? enroll(facesDir.resolve("gallery")) : Gallery.empty();
        double loadBefore = Machine.loadAverage();
        List<GateTiming.Run> runs = new ArrayList<>();
        for (boolean motion : modes) {
            List<String> keys = new ArrayList<>(overrides);
            keys.add("people.motion.enabled=" + motion);
            PedestrianConfig config = AnalyzeCommand.loadConfig(null, keys);
            LOG.info("Analysing {} with motion gating {}", video, motion ? "on" : "off");
            runs.add(timing.run(GateTiming.Footage.of(video), config, gallery, maxFrames, warmup));
        }
        GateTiming.Run still = null;
        if (stillSeconds > 0) {
            LOG.info("Analysing an empty gate: the background of {} for {} s", video, stillSeconds);
            double fps = runs.get(0).sourceFps();
            still = timing.run(GateTiming.Footage.still(StillScene.medianOf(video, 10), fps),
                    AnalyzeCommand.loadConfig(null, overrides), gallery, Math.round(stillSeconds * fps) + warmup,
                    warmup);
        }
        GateTiming.Run first = runs.get(0);
        out.printf(Locale.ROOT, "bench-analysis: %s, %d×%d at %.0f fps, %d frames analysed per run (the first %d "
                        + "of them not counted: warm-up); one thread, wall clock, decoding not timed%n",
                video.getFileName(), first.width(), first.height(), first.sourceFps(),
                first.total().samples() + first.warmup(), first.warmup());
        out.printf(Locale.ROOT, "machine: %d cores, load average %.2f before, %.2f after (other work on the machine "
                + "slows every figure)%n", Machine.cores(), loadBefore, Machine.loadAverage());
        out.println(photos ? String.format(Locale.ROOT, "gallery: %d people, %d face images, enrolled from %s",
                gallery.size(), gallery.personIds().stream().mapToInt(gallery::embeddingCount).sum(),
                facesDir.resolve("gallery")) : "gallery: empty (no " + facesDir.resolve("gallery")
                + "; run bin/fetch-face-images)");
        out.printf(Locale.ROOT, "faces: looked for at %d px and larger (faces.minSize); liveness scores only faces "
                + "that match an enrolled person%n", timing.minFaceSize());
        for (int i = 0; i < runs.size(); i++) {
            out.println();
            printRun(modes.get(i), runs.get(i), out);
        }
        out.println();
        StringBuilder summary = new StringBuilder("analysis fps (whole gate, 1000 / mean ms):");
        for (int i = 0; i < runs.size(); i++) {
            GateTiming.Run r = runs.get(i);
            summary.append(String.format(Locale.ROOT, " motion gating %s %.1f (p95 frame %.0f ms);",
                    modes.get(i) ? "on" : "off", r.total().fps(), r.total().p95Ms()));
        }
        if (still != null) {
            out.printf(Locale.ROOT, "empty gate: %s's background with noise and light drift, %d frames, motion gating "
                    + "on (the whole frame scanned for faces every %dth frame, backing off to every %dth while it is "
                    + "still and empty)%n", video.getFileName(), still.total().samples(), GateAnalysis.FACE_SCAN_EVERY,
                    GateAnalysis.FACE_SCAN_EVERY * StillLooks.MAX_BACKOFF);
            printStages(still, out);
            out.println();
            summary.append(String.format(Locale.ROOT, " empty gate %.1f ms CPU per frame (%.0f %% of a core at "
                    + "%.0f fps);", still.processCpuMs(), still.processCpuMs() * first.sourceFps() / 10,
                    first.sourceFps()));
        }
        out.println(summary.append(String.format(Locale.ROOT, " source %.0f fps", first.sourceFps())));
        long vtestFaces = runs.stream().mapToLong(GateTiming.Run::facesFound).sum();
        if (vtestFaces < MIN_FACES) {
            printPhotoRecognition(video, vtestFaces, runs.size(), facesDir, gallery, photos, out);
        }
    }

    private static void printRun(boolean motion, GateTiming.Run r, PrintStream out) {
        out.printf("motion gating %s (people.motion.enabled=%s%s)%n", motion ? "on" : "off", motion,
                motion ? ", the default" : "");
        printStages(r, out);
    }

    private static void printStages(GateTiming.Run r, PrintStream out) {
        out.printf(Locale.ROOT, "%-12s  %-17s  %8s  %8s  %7s%n", "stage", "ran on", "ms/frame", "p95 ms", "fps");
        int n = r.total().samples();
        stage(out, "motion", r.motion(), n, true, "");
        stage(out, "people", r.pedestrians(), n, true, "");
        stage(out, "faces", r.faces(), n, true, "");
        stage(out, "recognition", r.recognition(), n, true, r.facesFound() == 0 ? "  no face found"
                : String.format(Locale.ROOT, "  %d faces, %.1f ms per face", r.facesFound(),
                r.recognitionMsPerFace()));
        stage(out, "other", r.other(), n, false, "  the rest of GateAnalysis.analyze");
        stage(out, "whole gate", r.total(), n, true, "  <- analysis fps");
        out.printf(Locale.ROOT, "CPU per frame: %.1f ms on the analysis thread, %.1f ms the whole process (all "
                + "threads); %d tracks, %d access events%n", r.threadCpuMs(), r.processCpuMs(), r.tracks(), r.events());
    }

    /** One row; the fps column only for a stage that ran (a stage that never ran allows no meaningful rate). */
    private static void stage(PrintStream out, String name, FrameTimes t, int frames, boolean withFps, String note) {
        String fps = withFps && t.ran() > 0 ? String.format(Locale.ROOT, "%.1f", t.fps()) : "-";
        out.printf(Locale.ROOT, "%-12s  %-17s  %8.1f  %8.1f  %7s%s%n", name, t.ran() + "/" + frames + " frames",
                t.meanMs(), t.p95Ms(), fps, note);
    }

    private static void printPhotoRecognition(Path video, long vtestFaces, int runs, Path facesDir,
                                              Gallery gallery, boolean photos, PrintStream out) {
        String why = String.format(Locale.ROOT, "%s showed only %d faces over the %d runs (its people are far and "
                + "small), too few to time recognition", video.getFileName(), vtestFaces, runs);
        if (!photos) {
            out.println(why + "; no face photos in " + facesDir + " either (bin/fetch-face-images " + facesDir + ")");
            return;
        }
        RecognitionPerFace.Result r = RecognitionPerFace.measure(facesDir, gallery);
        out.printf(Locale.ROOT, "%s; timed on the face benchmark photos instead (%s, %d images, %d faces):%n"
                        + "recognition (align + MobileFaceNet + gallery match) %.1f ms per face mean, %.1f p95 "
                        + "= %.0f faces/s%n", why, facesDir, r.images(), r.faces(), r.perFace().meanMs(),
                r.perFace().p95Ms(), r.perFace().fps());
    }

    private static Gallery enroll(Path galleryDir) {
        try (FaceRecognizer recognizer = FacesTool.open("mtcnn")) {
            List<String> warnings = new ArrayList<>();
            Gallery g = new FaceEvaluation(recognizer).enroll(galleryDir, Gallery.DEFAULT_THRESHOLD, warnings);
            warnings.forEach(w -> LOG.warn("gallery: {}", w));
            return g;
        }
    }
}
