package org.gatewatch.bench.faces;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.faces.Match;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.gate.BestFaces;
import org.gatewatch.gate.TrackVote;
import org.gatewatch.gate.WalkVote;

/**
 * The benchmark walks decided two ways on the same faces: as the gate did (the first three faces vote, each matched
 * to its nearest enrolled face) and as it does now ({@link BestFaces}: the best face after the wait, matched against
 * the person's template and nearest face). Each walk is a genuine trial with the full gallery and a stranger trial
 * with its person left out. Prints recognition, false accepts, the margin and the decision latency in footage time.
 */
final class WalkDecisions {

    /** One way of deciding: a fresh vote per walk, and how a face is matched. */
    record Way(String name, Supplier<WalkVote> vote, BiFunction<Gallery, float[], Optional<Match>> match) {
    }

    /** One decided walk: the name given (or empty), the score the decision rests on, when it was decided. */
    private record Outcome(Optional<Match> named, double score, long decidedMillis) {
    }

    private WalkDecisions() {
    }

    /**
     * The gate before (first three faces, nearest face), each half of the change alone, and the gate now at the
     * default wait and at others ({@code faces.decideAfterMillis}).
     */
    static List<Way> ways() {
        RecognitionConfig d = RecognitionConfig.DEFAULTS;
        List<Way> ways = new ArrayList<>(List.of(
                new Way("first-3-vote,nearest-face", () -> new TrackVote(d.votes(), d.threshold()),
                        Gallery::nearestFace),
                new Way("first-3-vote,template", () -> new TrackVote(d.votes(), d.threshold()), Gallery::best),
                new Way("best-face,nearest-face", () -> new BestFaces(d.votes(), d.threshold(),
                        d.decideAfterMillis()), Gallery::nearestFace)));
        for (long wait : List.of(d.decideAfterMillis(), 0L, 500L, 1500L)) {
            ways.add(new Way("best-face,template,wait=" + wait + (wait == d.decideAfterMillis() ? " (default)" : ""),
                    () -> new BestFaces(d.votes(), d.threshold(), wait), Gallery::best));
        }
        return ways;
    }

    /** @param label {@code walks}, or {@code approach} for the walks whose person comes closer */
    static void print(String label, List<BenchWalks.Walk> walks, Gallery gallery, PrintStream out) {
        long faces = walks.stream().mapToLong(w -> w.faces().size()).sum();
        out.printf(Locale.ROOT, "%s: %d walks of %.0f s at %d analysed fps (%d faces) from cap13 and franck; each a "
                + "genuine trial and, with its person left out, a stranger trial%n", label, walks.size(),
                BenchWalks.WALK_SECONDS, BenchWalks.ANALYSED_FPS, faces);
        qualities(label, walks, gallery, out);
        out.println(label + "\tdecided_by\trecognized\tfalse_accepts\tlowest_correct\thighest_stranger\tmargin"
                + "\tlatency_p50_ms\tlatency_p99_ms");
        for (Way way : ways()) {
            int named = 0;
            int falseAccepts = 0;
            double lowestCorrect = Double.POSITIVE_INFINITY;
            double highestStranger = Double.NEGATIVE_INFINITY;
            List<Long> latency = new ArrayList<>();
            for (BenchWalks.Walk w : walks) {
                Outcome genuine = decide(w, gallery, way);
                latency.add(genuine.decidedMillis());
                if (genuine.named().filter(m -> m.personId().equals(w.person())).isPresent()) {
                    named++;
                }
                lowestCorrect = Math.min(lowestCorrect, genuine.score());
                Outcome stranger = decide(w, gallery.without(w.person()), way);
                falseAccepts += stranger.named().isPresent() ? 1 : 0;
                highestStranger = Math.max(highestStranger, stranger.score());
            }
            latency.sort(null);
            out.printf(Locale.ROOT, "%s\t%s\t%d/%d\t%d/%d\t%.3f\t%.3f\t%.3f\t%d\t%d%n", label, way.name(), named,
                    walks.size(), falseAccepts, walks.size(), lowestCorrect, highestStranger,
                    lowestCorrect - highestStranger, percentile(latency, 50), percentile(latency, 99));
        }
    }

    /**
     * What the quality sees on these faces: the spread of the faces' sharpness (as the Laplacian variance it is
     * computed from), and how often a walk's best-quality face is also its best-scoring one for its own person.
     */
    private static void qualities(String label, List<BenchWalks.Walk> walks, Gallery gallery, PrintStream out) {
        List<Double> variance = new ArrayList<>();
        int bestIsTop = 0;
        double rankSum = 0;
        int counted = 0;
        for (BenchWalks.Walk w : walks) {
            List<BenchWalks.Face> faces = w.faces();
            if (faces.isEmpty()) {
                continue;
            }
            BenchWalks.Face best = faces.get(0);
            double bestScore = Double.NEGATIVE_INFINITY;
            for (BenchWalks.Face f : faces) {
                double s = f.quality().sharpness();
                variance.add(s >= 1 ? Double.POSITIVE_INFINITY : 100 * s / (1 - s));
                if (f.quality().score() > best.quality().score()) {
                    best = f;
                }
                bestScore = Math.max(bestScore, gallery.template(w.person()).score(f.embedding()));
            }
            double chosen = gallery.template(w.person()).score(best.embedding());
            bestIsTop += chosen >= bestScore ? 1 : 0;
            int below = 0;
            for (BenchWalks.Face f : faces) {
                below += gallery.template(w.person()).score(f.embedding()) <= chosen ? 1 : 0;
            }
            rankSum += (double) below / faces.size();
            counted++;
        }
        variance.sort(null);
        out.printf(Locale.ROOT, "%s: faces' Laplacian variance p5 %.0f, median %.0f, p95 %.0f; the best-quality "
                + "face is its walk's best-scoring in %d of %d walks, and scores at or above %.0f %% of its walk's "
                + "faces on average%n", label, variance.get(variance.size() / 20), variance.get(variance.size() / 2),
                variance.get(variance.size() * 19 / 20), bestIsTop, counted, 100 * rankSum / counted);
    }

    /**
     * Feeds the walk's faces in order until the way decides (or the walk ends). The score the decision rests on is
     * the weakest of the faces that must clear the threshold: for the vote all three first faces, for the best face
     * that face alone; against the closest person (the walk's person for a genuine trial).
     */
    private static Outcome decide(BenchWalks.Walk w, Gallery g, Way way) {
        WalkVote vote = way.vote().get();
        List<Match> seen = new ArrayList<>();
        long decided = w.faces().isEmpty() ? 0 : w.faces().get(w.faces().size() - 1).millis();
        List<Double> qualities = new ArrayList<>();
        for (BenchWalks.Face f : w.faces()) {
            Optional<Match> m = way.match().apply(g, f.embedding());
            vote.add(m, f.quality(), f.millis());
            m.ifPresent(seen::add);
            qualities.add(f.quality().score());
            if (vote.decided(f.millis())) {
                decided = f.millis();
                break;
            }
        }
        Optional<Match> named = vote.result();
        double score;
        if (vote instanceof TrackVote) {
            score = seen.stream().limit(3).mapToDouble(Match::score).min().orElse(Double.NaN);
        } else {
            int best = 0;
            for (int i = 1; i < qualities.size(); i++) {
                if (qualities.get(i) > qualities.get(best)) {
                    best = i;
                }
            }
            score = seen.isEmpty() ? Double.NaN : seen.get(best).score();
        }
        return new Outcome(named, score, decided);
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
