package org.gatewatch.analysis.faces;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.gatewatch.config.RecognitionConfig;

/**
 * The enrolled persons: a few embeddings per person id, each person's as a {@link PersonTemplate}. Immutable, so the
 * live pipeline can keep reading one while enrollment builds the next and swaps it in (a volatile reference); no
 * lock on the frame path. A face scores against a person as its closest enrolled embedding (max cosine), which
 * tolerates enrollment photos that differ in pose or light; and, for a person with three faces or more, no higher
 * than against their template (the mean of the faces that agree), so a wrongly enrolled face widens nothing.
 */
public final class Gallery {

    /** The default of {@code faces.threshold}; where it comes from is said at {@link RecognitionConfig#DEFAULTS}. */
    public static final double DEFAULT_THRESHOLD = RecognitionConfig.DEFAULTS.threshold();

    private static final Gallery EMPTY = new Gallery(Map.of(), DEFAULT_THRESHOLD);

    private final Map<String, PersonTemplate> persons;
    private final double threshold;

    private Gallery(Map<String, PersonTemplate> persons, double threshold) {
        this.persons = persons;
        this.threshold = threshold;
    }

    public static Gallery empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The enrolled person closest to {@code embedding} if the similarity reaches the threshold. */
    public Optional<Match> identify(float[] embedding) {
        return best(embedding).filter(m -> m.score() >= threshold);
    }

    /** The closest enrolled person whatever the score (for sweeps and logs); empty when nobody is enrolled. */
    public Optional<Match> best(float[] embedding) {
        return closest(t -> t.score(embedding));
    }

    /**
     * The person of the closest enrolled embedding, every face counted and no template: how the gallery matched
     * before templates, for the benchmark's comparison.
     */
    public Optional<Match> nearestFace(float[] embedding) {
        return closest(t -> t.nearestOfAll(embedding));
    }

    /** The person whose template scores highest by {@code score}; empty when nobody is enrolled. */
    private Optional<Match> closest(ToDoubleFunction<PersonTemplate> score) {
        String bestId = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, PersonTemplate> e : persons.entrySet()) {
            double s = score.applyAsDouble(e.getValue());
            if (s > bestScore) {
                bestScore = s;
                bestId = e.getKey();
            }
        }
        return bestId == null ? Optional.empty() : Optional.of(new Match(bestId, bestScore));
    }

    /** The person's template, or null when they are not in this gallery. */
    public PersonTemplate template(String personId) {
        return persons.get(personId);
    }

    public double threshold() {
        return threshold;
    }

    /** The same persons with another threshold. */
    public Gallery withThreshold(double newThreshold) {
        checkThreshold(newThreshold);
        return new Gallery(persons, newThreshold);
    }

    /** The same gallery without one person (their removal from enrollment, or a leave-one-out test). */
    public Gallery without(String personId) {
        Map<String, PersonTemplate> rest = new LinkedHashMap<>(persons);
        rest.remove(personId);
        return new Gallery(Collections.unmodifiableMap(rest), threshold);
    }

    public Set<String> personIds() {
        return persons.keySet();
    }

    public int size() {
        return persons.size();
    }

    public int embeddingCount(String personId) {
        PersonTemplate t = persons.get(personId);
        return t == null ? 0 : t.size();
    }

    private static void checkThreshold(double t) {
        if (!(t >= -1 && t <= 1)) {
            throw new IllegalArgumentException("cosine threshold must be in [-1, 1]: " + t);
        }
    }

    /** Collects embeddings per person; {@link #build()} copies them, so the builder can be reused. */
    public static final class Builder {

        private final Map<String, List<float[]>> persons = new LinkedHashMap<>();
        private double threshold = DEFAULT_THRESHOLD;
        private int dimension = -1;

        public Builder add(String personId, float[] embedding) {
            if (personId == null || personId.isBlank()) {
                throw new IllegalArgumentException("person id is required");
            }
            if (dimension >= 0 && embedding.length != dimension) {
                throw new IllegalArgumentException("embedding length " + embedding.length + ", gallery has " + dimension);
            }
            dimension = embedding.length;
            persons.computeIfAbsent(personId, k -> new ArrayList<>()).add(embedding.clone());
            return this;
        }

        public Builder threshold(double t) {
            checkThreshold(t);
            threshold = t;
            return this;
        }

        public Gallery build() {
            Map<String, PersonTemplate> copy = new LinkedHashMap<>();
            persons.forEach((id, list) -> copy.put(id, PersonTemplate.of(list)));
            return new Gallery(Collections.unmodifiableMap(copy), threshold);
        }
    }
}
