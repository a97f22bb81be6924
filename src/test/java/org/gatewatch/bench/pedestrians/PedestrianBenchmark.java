package org.gatewatch.bench.pedestrians;

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
import org.gatewatch.analysis.pedestrians.PedestrianAnalyzer;
import org.gatewatch.bench.analysis.StillScene;
import org.gatewatch.cli.AnalyzeCommand;
import org.gatewatch.cli.CommandLine;
import org.gatewatch.cli.Machine;
import org.gatewatch.config.PedestrianConfig;

/**
 * {@code bin/gatewatch bench-people}: runs the analyze tool over vtest.avi, scores its CSV against the hand labels
 * (precision and recall at IoU 0.5, person-count error), and counts false detections per minute on footage with no
 * people. The result table on standard output is this tool's product (hence the PrintStream); progress is logged.
 */
public final class PedestrianBenchmark {

    private static final Logger LOG = LogManager.getLogger(PedestrianBenchmark.class);

    public static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    static final Path TREE = Path.of("/usr/share/doc/opencv-doc/examples/data/tree.avi");

    static final String USAGE = """
            Usage: bin/gatewatch bench-people [--detectors hog,ssd,auto] [--labels CSV] [--video FILE]
                                              [--close-labels DIR] [--close DIR] [--out DIR] [--config FILE]
                                              [--set people.KEY=VALUE]... [--still-seconds N] [--quick]

            For each person detector (people.detector; default all three), runs `analyze` on vtest.avi (Debian
            package opencv-doc) and prints, against the hand labels in src/test/resources/labels/vtest.csv:
            precision and recall at IoU 0.5, the person-count mean absolute error, ms per frame; then the same on
            the close-up and mid-range clips (--close, made by bin/close-footage) against the labels in --close-labels
            (default src/test/resources/labels/close), with tracks per person and how soon a person in view from the
            first frame was reported; then false tracks and detections per minute on footage with no people: the
            clip's own empty background (median of its frames) replayed with sensor noise and light drift, and
            opencv-doc's tree.avi (foliage in wind). Last, one summary line per detector. The analyze CSVs are kept
            in --out (default target/bench-people). --quick stops vtest after its last labelled frame and skips the
            close-ups and the footage with no people (for tuning).
            """;

    private PedestrianBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        try {
            CommandLine cl = CommandLine.parse(args, Set.of("--labels", "--video", "--out", "--config", "--set",
                    "--still-seconds", "--detectors", "--close", "--close-labels"), Set.of("--quick"));
            if (cl.help()) {
                out.print(USAGE);
                return 0;
            }
            if (!cl.plain().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument '" + cl.plain().get(0) + "'");
            }
            Path labelsFile = cl.value("--labels", Path::of, Path.of("src/test/resources/labels/vtest.csv"));
            Path video = cl.value("--video", Path::of, VTEST);
            Path dir = cl.value("--out", Path::of, Path.of("target/bench-people"));
            Path configFile = cl.value("--config", Path::of, null);
            List<String> overrides = cl.values("--set");
            int stillSeconds = cl.value("--still-seconds", Integer::parseInt, 60);
            boolean quick = cl.has("--quick");
            if (!Files.isReadable(video)) {
                throw new IOException("cannot read " + video + " (apt-get install opencv-doc)");
            }
            Path close = cl.value("--close", Path::of, Path.of("target/bench-people/close"));
            Path closeLabels = cl.value("--close-labels", Path::of, Path.of("src/test/resources/labels/close"));
            String detectors = cl.value("--detectors", String::valueOf, "hog,ssd,auto");
            PedestrianLabels labels = PedestrianLabels.read(labelsFile);
            List<String> summary = new ArrayList<>();
            for (String detector : detectors.split(",")) {
                List<String> set = new ArrayList<>(overrides);
                set.add("people.detector=" + detector.trim());
                PedestrianConfig config = AnalyzeCommand.loadConfig(configFile, set);
                Path sub = dir.resolve(detector.trim());
                Files.createDirectories(sub);
                out.printf(Locale.ROOT, "%n== people.detector = %s ==%n", detector.trim());
                DetectorFigures f = bench(video, labels, config, sub, quick ? -1 : stillSeconds, out);
                if (!quick && Files.isDirectory(close)) {
                    out.println("close-up and mid-range clips (" + close + "):");
                    f = f.withCloseUps(CloseUpBenchmark.run(closeLabels, close, config, sub, out));
                } else if (!quick) {
                    out.println("close-up clips: " + close + " is missing (bin/close-footage makes it), skipped");
                }
                summary.add(f.line(detector.trim()));
            }
            out.printf(Locale.ROOT, "%nmachine: %d cores, load average %.2f at the end%n", Machine.cores(),
                    Machine.loadAverage());
            out.println(DetectorFigures.HEADER);
            summary.forEach(out::println);
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            LOG.error("bench-people: {}", e.getMessage());
            return 2;
        }
    }

    public static DetectorFigures bench(Path video, PedestrianLabels labels, PedestrianConfig config, Path dir,
                                        int stillSeconds, PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "machine: %d cores, load average %.2f (timings are pessimistic when other work runs)%n",
                Machine.cores(), Machine.loadAverage());

        Path csv = dir.resolve("vtest.csv");
        AnalyzeCommand.Summary s;
        try (PrintStream file = new PrintStream(Files.newOutputStream(csv), false, "UTF-8")) {
            long last = labels.frames().isEmpty() ? 0 : labels.frames().lastKey();
            s = AnalyzeCommand.analyze(video, config, stillSeconds < 0 ? last + 1 : Long.MAX_VALUE, file);
        }
        PedestrianScore score = PedestrianScore.score(labels, PedestrianLabels.readAnalysis(csv));
        out.printf(Locale.ROOT, "%s: %d frames, %d tracks, %.1f ms/frame wall (motion %.1f, detector %.1f), %.1f ms "
                        + "CPU/frame over both cores; detector ran on %d frames, over %.0f %% of the picture on "
                        + "average%n", video.getFileName(), s.frames(), s.tracks(), s.msPerFrame(),
                s.motionMsPerFrame(), s.detectMsPerFrame(), s.cpuMsPerFrame(), s.framesWithDetector(),
                100 * s.meanScannedShare());
        out.printf(Locale.ROOT, "labels: %d frames, %d persons (+%d ignored: hidden, cut by the edge or < 40 px)%n",
                score.frames(), score.truePositives() + score.misses(), score.hardTotal());
        out.printf(Locale.ROOT, "precision %.3f  recall %.3f  (IoU >= %.1f: TP %d, FP %d, FN %d)  count MAE %.2f  "
                        + "ignored persons found %d/%d%n", score.precision(), score.recall(), PedestrianScore.MIN_IOU,
                score.truePositives(), score.falsePositives(), score.misses(), score.countMae(), score.hardFound(),
                score.hardTotal());

        DetectorFigures figures = DetectorFigures.vtest(score, s);
        if (stillSeconds < 0) {
            return figures; // --quick: the labelled part of the clip only, for tuning
        }
        try (StillScene still = StillScene.medianOf(video, 10)) {
            double fps = s.fps() > 0 ? s.fps() : 10;
            long frames = Math.round(stillSeconds * fps);
            long rows = 0;
            long raw = 0;
            int tracks;
            long start = System.nanoTime();
            try (PedestrianAnalyzer analyzer = new PedestrianAnalyzer(config)) {
                for (long i = 0; i < frames; i++) {
                    PedestrianAnalyzer.Result r = analyzer.analyze(still.next());
                    rows += r.pedestrians().size();
                    raw += r.detections();
                }
                tracks = analyzer.tracksStarted();
            }
            double ms = (System.nanoTime() - start) / 1e6 / frames;
            double minutes = frames / fps / 60;
            out.printf(Locale.ROOT, "no people, %s's median background + noise σ %.0f + light drift: %d frames "
                            + "(%d s): %d false tracks = %.1f per minute, %d false detections = %.1f per minute "
                            + "(detector boxes before tracking: %d = %.1f per minute), %.1f ms/frame%n",
                    video.getFileName(), StillScene.NOISE_SIGMA, frames, stillSeconds, tracks, tracks / minutes, rows,
                    rows / minutes, raw, raw / minutes, ms);
            figures = figures.withEmpty(tracks, minutes);
        }
        if (Files.isReadable(TREE)) {
            AnalyzeCommand.Summary t;
            Path treeCsv = dir.resolve("tree.csv");
            try (PrintStream file = new PrintStream(Files.newOutputStream(treeCsv), false, "UTF-8")) {
                t = AnalyzeCommand.analyze(TREE, config, Long.MAX_VALUE, file);
            }
            double minutes = t.frames() / (t.fps() > 0 ? t.fps() : 15) / 60;
            out.printf(Locale.ROOT, "no people, tree.avi (foliage in wind, %d frames, %.1f s): %d false tracks, %d "
                            + "false detections = %.1f per minute (detector boxes before tracking: %d = %.1f per "
                            + "minute), %.1f ms/frame%n", t.frames(), minutes * 60, t.tracks(), t.rows(),
                    t.rows() / minutes, t.detections(), t.detections() / minutes, t.msPerFrame());
            figures = figures.withEmpty(t.tracks(), minutes);
        } else {
            out.println("no people, tree.avi: not installed (apt-get install opencv-doc), skipped");
        }
        return figures;
    }
}
