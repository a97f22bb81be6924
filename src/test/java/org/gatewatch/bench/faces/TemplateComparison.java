package org.gatewatch.bench.faces;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.gatewatch.analysis.faces.DetectedFace;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.faces.Match;
import org.gatewatch.analysis.faces.PersonTemplate;
import org.gatewatch.cli.FaceEvaluation;
import org.opencv.core.Mat;

/**
 * Every probe face of the benchmark matched two ways, on the same embeddings: to the nearest enrolled face (as the
 * gallery did) and against the person's template and nearest kept face (as it does now). Then the same with a
 * wrong photo enrolled: a frame of the webcam man (cap12) added to franck's faces, and the webcam man's own probes,
 * with him left out of the gallery, coming to the gate as strangers.
 */
final class TemplateComparison {

    /** One probe face: whose it is (null: a stranger never enrolled) and its embedding. */
    private record Probe(String truth, float[] embedding) {
    }

    private TemplateComparison() {
    }

    static void print(FaceRecognizer recognizer, Path dir, Gallery gallery, PrintStream out) {
        List<Probe> probes = probes(recognizer, dir.resolve("probes"), gallery);
        for (String person : gallery.personIds()) {
            PersonTemplate t = gallery.template(person);
            StringBuilder line = new StringBuilder("agreement\t" + person + "\t");
            for (int i = 0; i < t.size(); i++) {
                line.append(String.format(Locale.ROOT, "%s%.3f%s", i == 0 ? "" : " ", t.agreement(i),
                        t.kept(i) ? "" : " (left out)"));
            }
            out.println(line);
        }
        out.println("per-face\tmatched_by\trecognized\tfalse_accepts\tlowest_correct\thighest_stranger\tmargin");
        row(out, "nearest-face", probes, gallery, Gallery::nearestFace);
        row(out, "template", probes, gallery, Gallery::best);
        float[] wrong = embedding(recognizer, dir.resolve("gallery/cap/cap12_003.jpg"));
        Gallery withWrong = withExtraFace(recognizer, dir.resolve("gallery"), gallery.threshold(), "franck", wrong);
        PersonTemplate franck = withWrong.template("franck");
        out.printf(Locale.ROOT, "wrong-photo\tfranck's agreements with the cap12 frame enrolled last: %s%n",
                java.util.stream.IntStream.range(0, franck.size()).mapToObj(i -> String.format(Locale.ROOT, "%.3f%s",
                        franck.agreement(i), franck.kept(i) ? "" : " (left out)")).toList());
        List<Probe> capAsStranger = probes.stream().filter(p -> "cap".equals(p.truth())).toList();
        for (String way : List.of("nearest-face", "template")) {
            BiFunction<Gallery, float[], Optional<Match>> match = way.equals("template") ? Gallery::best
                    : Gallery::nearestFace;
            Gallery g = withWrong.without("cap");
            int accepted = 0;
            double highest = Double.NEGATIVE_INFINITY;
            for (Probe p : capAsStranger) {
                Optional<Match> m = match.apply(g, p.embedding());
                double s = m.map(Match::score).orElse(Double.NEGATIVE_INFINITY);
                highest = Math.max(highest, s);
                accepted += s >= g.threshold() ? 1 : 0;
            }
            out.printf(Locale.ROOT, "wrong-photo\t%s\tcap12 frame enrolled as franck; cap13 probes, cap not enrolled: "
                    + "%d/%d accepted, highest %.3f%n", way, accepted, capAsStranger.size(), highest);
        }
    }

    private static void row(PrintStream out, String way, List<Probe> probes, Gallery g,
                            BiFunction<Gallery, float[], Optional<Match>> match) {
        int enrolled = 0;
        int recognized = 0;
        int strangers = 0;
        int falseAccepts = 0;
        double lowestCorrect = Double.POSITIVE_INFINITY;
        double highestStranger = Double.NEGATIVE_INFINITY;
        for (Probe p : probes) {
            if (p.truth() != null) {
                enrolled++;
                Match m = match.apply(g, p.embedding()).orElseThrow();
                if (m.personId().equals(p.truth())) {
                    lowestCorrect = Math.min(lowestCorrect, m.score());
                    recognized += m.score() >= g.threshold() ? 1 : 0;
                }
                // The same face with its person left out is a stranger's.
                Gallery rest = g.without(p.truth());
                double s = match.apply(rest, p.embedding()).orElseThrow().score();
                strangers++;
                falseAccepts += s >= g.threshold() ? 1 : 0;
                highestStranger = Math.max(highestStranger, s);
            } else {
                double s = match.apply(g, p.embedding()).orElseThrow().score();
                strangers++;
                falseAccepts += s >= g.threshold() ? 1 : 0;
                highestStranger = Math.max(highestStranger, s);
            }
        }
        out.printf(Locale.ROOT, "per-face\t%s\t%d/%d\t%d/%d\t%.3f\t%.3f\t%.3f%n", way, recognized, enrolled,
                falseAccepts, strangers, lowestCorrect, highestStranger, lowestCorrect - highestStranger);
    }

    /** The gallery of {@code dir} with {@code extra} enrolled for {@code person} too. */
    private static Gallery withExtraFace(FaceRecognizer recognizer, Path dir, double threshold, String person,
                                         float[] extra) {
        Gallery.Builder b = Gallery.builder().threshold(threshold);
        for (Path folder : list(dir).stream().filter(Files::isDirectory).toList()) {
            for (Path image : list(folder)) {
                b.add(folder.getFileName().toString(), embedding(recognizer, image));
            }
        }
        return b.add(person, extra).build();
    }

    /** Probes as bench-faces scores them: an enrolled person's largest face, every face of a stranger photo. */
    private static List<Probe> probes(FaceRecognizer recognizer, Path dir, Gallery gallery) {
        List<Probe> out = new ArrayList<>();
        for (Path folder : list(dir).stream().filter(Files::isDirectory).toList()) {
            String name = folder.getFileName().toString();
            boolean enrolled = gallery.personIds().contains(name);
            for (Path image : list(folder)) {
                Mat m = FaceEvaluation.read(image);
                try {
                    List<DetectedFace> faces = recognizer.detect(m);
                    if (enrolled) {
                        faces = faces.stream().max(Comparator.comparingDouble(f -> f.box().area())).stream().toList();
                    }
                    List<float[]> e = faces.isEmpty() ? List.of() : recognizer.embed(m, faces);
                    e.forEach(v -> out.add(new Probe(enrolled ? name : null, v)));
                } finally {
                    m.release();
                }
            }
        }
        return out;
    }

    private static float[] embedding(FaceRecognizer recognizer, Path image) {
        Mat m = FaceEvaluation.read(image);
        try {
            List<DetectedFace> faces = recognizer.detect(m);
            DetectedFace big = faces.stream().max(Comparator.comparingDouble(f -> f.box().area())).orElseThrow(
                    () -> new IllegalStateException("no face in " + image));
            return recognizer.embed(m, List.of(big)).get(0);
        } finally {
            m.release();
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
