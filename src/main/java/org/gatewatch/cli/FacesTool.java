package org.gatewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.faces.CascadeFaceDetector;
import org.gatewatch.analysis.faces.FaceDetector;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.faces.MobileFaceNetEmbedder;
import org.gatewatch.analysis.faces.MtcnnFaceDetector;
import org.gatewatch.cli.FaceEvaluation.ProbeResult;
import org.gatewatch.cli.FaceEvaluation.Rates;
import org.gatewatch.natives.OpenCvRuntime;

/**
 * {@code bin/gatewatch faces --gallery DIR --probes DIR [--sweep]}: enrolls a gallery folder, prints per probe face
 * the predicted person or "unknown" with the score, and with --sweep the rates over thresholds. Results go to the
 * PrintStream given (stdout); logs to Log4j (stderr in bin/java-tool).
 */
public final class FacesTool {

    private static final Logger LOG = LogManager.getLogger(FacesTool.class);

    public static final String USAGE = """
            Usage: bin/gatewatch faces --gallery DIR --probes DIR [--sweep] [--threshold T] [--detector mtcnn|cascade]

              --gallery DIR   one sub-folder of images per enrolled person (the folder name is the person id);
                              the largest face of each image is enrolled
              --probes DIR    images to identify. A sub-folder named like an enrolled person holds that person's
                              other images (their largest face is the probe); any other sub-folder holds people
                              who are not enrolled (every face is a probe); images directly in DIR have no truth
              --sweep         also print recognition and false-accept rates over thresholds, the lowest threshold
                              with <= 1 %% false accepts, and the time per face
              --threshold T   cosine similarity needed to name a person (default %.2f, Gallery.DEFAULT_THRESHOLD)
              --detector D    mtcnn (default: boxes + 5 landmarks, aligned faces) or cascade (LBP, box crops)

            Prints one line per probe face: image, face number, predicted person or 'unknown', score, truth.
            Exit status: 0 done, 1 failure, 2 bad arguments or unreadable input.
            """.formatted(Gallery.DEFAULT_THRESHOLD);

    private FacesTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; the exit status is returned, not taken. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path gallery;
        Path probes;
        boolean sweep;
        double threshold;
        String detector;
        try {
            CommandLine cl = CommandLine.parse(args, Set.of("--gallery", "--probes", "--threshold", "--detector"),
                    Set.of("--sweep"));
            if (cl.help()) {
                out.print(USAGE);
                return 0;
            }
            if (!cl.plain().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument '" + cl.plain().get(0) + "'");
            }
            gallery = cl.value("--gallery", Path::of, null);
            probes = cl.value("--probes", Path::of, null);
            sweep = cl.has("--sweep");
            threshold = cl.value("--threshold", Double::parseDouble, Gallery.DEFAULT_THRESHOLD);
            detector = cl.value("--detector").orElse("mtcnn");
            if (gallery == null || probes == null) {
                throw new IllegalArgumentException("--gallery and --probes are required");
            }
            if (!(threshold >= -1 && threshold <= 1)) {
                throw new IllegalArgumentException("--threshold must be a cosine similarity in [-1, 1]");
            }
            if (!detector.equals("mtcnn") && !detector.equals("cascade")) {
                throw new IllegalArgumentException("--detector must be mtcnn or cascade");
            }
        } catch (IllegalArgumentException e) {
            err.println("faces: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        // Checked before the natives load, so a typo is reported at once.
        for (Path dir : new Path[] {gallery, probes}) {
            if (!java.nio.file.Files.isDirectory(dir) || !java.nio.file.Files.isReadable(dir)) {
                err.println("faces: not a readable folder: " + dir);
                return 2;
            }
        }
        try (FaceRecognizer recognizer = open(detector)) {
            FaceEvaluation eval = new FaceEvaluation(recognizer);
            List<String> warnings = new ArrayList<>();
            Gallery g = eval.enroll(gallery, threshold, warnings);
            warnings.forEach(w -> err.println("faces: warning: " + w));
            out.printf(Locale.ROOT, "# enrolled %d people from %s, threshold %.2f, detector %s%n", g.size(), gallery,
                    threshold, detector);
            List<ProbeResult> results = eval.probe(probes, g);
            out.println("# image\tface\tpredicted\tscore\ttruth");
            for (ProbeResult r : results) {
                printProbe(out, probes, r, threshold);
            }
            if (sweep) {
                printSweep(out, results, threshold);
                printTiming(out, eval);
            }
            return 0;
        } catch (FaceEvaluation.InputException e) {
            err.println("faces: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            LOG.error("faces failed", e);
            err.println("faces: " + e.getMessage());
            return 1;
        }
    }

    public static FaceRecognizer open(String detector) {
        OpenCvRuntime.load();
        FaceDetector d = detector.equals("cascade") ? CascadeFaceDetector.lbp() : MtcnnFaceDetector.fromClasspath();
        try {
            return new FaceRecognizer(d, MobileFaceNetEmbedder.fromClasspath());
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private static void printProbe(PrintStream out, Path root, ProbeResult r, double t) {
        String name = root.relativize(r.image()).toString();
        String truth = r.truth() == null ? "-" : r.enrolled() ? r.truth() : "unknown (" + r.truth() + ")";
        if (!r.faceFound()) {
            out.printf(Locale.ROOT, "%s\t-\tno face\t-\t%s%n", name, truth);
            return;
        }
        String predicted = r.accepted(t) ? r.best().get().personId() : "unknown";
        String score = r.best().map(m -> String.format(Locale.ROOT, "%.3f", m.score())).orElse("-");
        out.printf(Locale.ROOT, "%s\t%d\t%s\t%s\t%s%n", name, r.face(), predicted, score, truth);
    }

    public static void printSweep(PrintStream out, List<ProbeResult> results, double defaultThreshold) {
        Rates atDefault = FaceEvaluation.rates(results, defaultThreshold);
        if (atDefault.enrolledProbes() + atDefault.impostorFaces() == 0) {
            out.println("# sweep: no labelled probes (put probe images in sub-folders named by person)");
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "# %d probe images of enrolled people, %d faces of people not enrolled%n",
                atDefault.enrolledProbes(), atDefault.impostorFaces());
        out.println("threshold\trecognized\twrong_person\tfalse_accepts");
        for (int i = 20; i <= 90; i += 5) {
            Rates r = FaceEvaluation.rates(results, i / 100.0);
            out.printf(Locale.ROOT, "%.2f\t%s\t%s\t%s%n", r.threshold(), pct(r.recognized(), r.enrolledProbes()),
                    pct(r.wrongPerson(), r.enrolledProbes()), pct(r.falseAccepts(), r.impostorFaces()));
        }
        out.printf(Locale.ROOT, "at default %.2f: recognized %s, false accepts %s%n", defaultThreshold,
                pct(atDefault.recognized(), atDefault.enrolledProbes()),
                pct(atDefault.falseAccepts(), atDefault.impostorFaces()));
        Optional<Rates> best = FaceEvaluation.thresholdFor(results, 0.01);
        if (best.isPresent()) {
            Rates r = best.get();
            out.printf(Locale.ROOT, "threshold for <= 1%% false accepts: %.2f (recognized %s, false accepts %s, wrong "
                    + "person %s)%n", r.threshold(), pct(r.recognized(), r.enrolledProbes()),
                    pct(r.falseAccepts(), r.impostorFaces()), pct(r.wrongPerson(), r.enrolledProbes()));
        } else {
            out.println("threshold for <= 1% false accepts: none in [-1, 1]");
        }
    }

    public static void printTiming(PrintStream out, FaceEvaluation eval) {
        out.printf(Locale.ROOT, "time: detection %.1f ms per image (%d images), alignment + embedding %.1f ms per face "
                + "(%d faces); load average %.2f on %d cores%n", eval.msPerImageDetect(), eval.imagesRead(),
                eval.msPerFaceEmbed(), eval.facesEmbedded(),
                Machine.loadAverage(),
                Machine.cores());
    }

    public static String pct(int n, int of) {
        return of == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * n / of, n, of);
    }
}
