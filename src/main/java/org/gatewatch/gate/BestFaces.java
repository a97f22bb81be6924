package org.gatewatch.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gatewatch.analysis.faces.FaceQuality;
import org.gatewatch.analysis.faces.Match;

/**
 * Names a walk's person from the best faces it showed, not from the first: the {@code keep} faces of highest
 * {@link FaceQuality#score() quality} are kept, and the walk is decided {@code waitMillis} after its first usable face
 * (or earlier, when its track ends). The best kept face names the person when its score reaches the threshold and
 * no other kept face names someone else; otherwise the walk is unknown. One walk's owner thread; not thread-safe.
 */
public final class BestFaces implements WalkVote {

    /** One kept face: its quality and its closest enrolled person. */
    private record Kept(double quality, Optional<Match> best, long order) {
    }

    private static final Comparator<Kept> BEST_FIRST = Comparator.comparingDouble(Kept::quality).reversed()
            .thenComparingLong(Kept::order);

    private final int keep;
    private final double threshold;
    private final long waitMillis;
    private final List<Kept> kept = new ArrayList<>();
    private int faces;
    private Long firstUsableMillis;

    /**
     * @param keep       faces kept, best first ({@code faces.votes})
     * @param threshold  the score a face needs to name someone ({@code faces.threshold})
     * @param waitMillis how long after the first usable face the walk is decided ({@code faces.decideAfterMillis})
     */
    public BestFaces(int keep, double threshold, long waitMillis) {
        if (keep < 1 || waitMillis < 0) {
            throw new IllegalArgumentException("keep >= 1 and waitMillis >= 0 needed: " + keep + ", " + waitMillis);
        }
        this.keep = keep;
        this.threshold = threshold;
        this.waitMillis = waitMillis;
    }

    @Override
    public boolean add(Optional<Match> best, FaceQuality quality, long captureMillis) {
        faces++;
        if (quality.usable() && firstUsableMillis == null) {
            firstUsableMillis = captureMillis;
        }
        kept.add(new Kept(quality.score(), best, faces));
        kept.sort(BEST_FIRST);
        if (kept.size() > keep) {
            kept.remove(kept.size() - 1);
        }
        return best.filter(m -> m.score() >= threshold).isPresent();
    }

    @Override
    public boolean decided(long nowMillis) {
        return firstUsableMillis != null && nowMillis - firstUsableMillis >= waitMillis;
    }

    @Override
    public Optional<Match> result() {
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        Optional<Match> named = kept.get(0).best().filter(m -> m.score() >= threshold);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        String person = named.get().personId();
        for (Kept k : kept) {
            if (k.best().filter(m -> m.score() >= threshold && !m.personId().equals(person)).isPresent()) {
                return Optional.empty();
            }
        }
        return named;
    }

    @Override
    public int faces() {
        return faces;
    }

    /** When the first usable face was seen (capture time), or null before. */
    public Long firstUsableMillis() {
        return firstUsableMillis;
    }
}
