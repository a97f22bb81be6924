package org.gatewatch.config;

import java.util.Properties;
import java.util.Set;

/**
 * How sure face recognition must be before it names someone, for every camera with gate analysis.
 *
 * @param threshold cosine similarity a face needs to count as an enrolled person's ({@code faces.threshold});
 *                  below it the face is unknown
 * @param votes     the best faces of one walk-through that are kept ({@code faces.votes}): the best of them names
 *                  the person, and none of the others may name someone else
 * @param minSize   smallest face, in pixels, the live cameras look for ({@code faces.minSize})
 * @param decideAfterMillis how long after a walk's first usable face it is decided, from the best faces seen by
 *                  then ({@code faces.decideAfterMillis}); a walk that ends sooner is decided when it ends
 */
public record RecognitionConfig(double threshold, int votes, int minSize, long decideAfterMillis) {

    /**
     * The threshold, 0.60, is the cosine similarity of MobileFaceNet embeddings of 5-landmark-aligned faces, from
     * {@code bin/gatewatch bench-faces} (2026-11-25): the highest score of a face not enrolled was 0.366, while every
     * enrolled probe scored at least 0.629; 0.60 keeps a wide margin above the strangers because that set has only
     * 34 strangers' faces (1 % of them is less than one face). Re-measure with {@code faces --sweep} on the site's own
     * camera. Three best faces kept. 40 px faces: smaller ones are too coarse for a 112 px embedding to name anyone,
     * and looking for them costs the face detector most of its time (its image pyramid starts at 12 px / minSize of
     * the frame; bench-analysis --face-min-size). One second for the best face: a person walking to the door comes
     * closer in that time, and at 5–10 analysed frames a second the walk shows 5–10 faces to choose from; on
     * bench-faces' approaching walks it widened the margin between the lowest correct and the highest stranger score
     * from 0.488 (the first three faces' vote) to 0.567, where 0.5 s gave 0.539 and 1.5 s 0.569.
     */
    public static final RecognitionConfig DEFAULTS = new RecognitionConfig(0.60, 3, 40, 1000);

    /** The default of {@code faces.decideAfterMillis}, for the constructor without it. */
    private static final long DEFAULTS_DECIDE_AFTER_MILLIS = 1000;

    /** The longest wait for a better face: past it a person at the door waits noticeably for the gate. */
    public static final long MAX_DECIDE_AFTER_MILLIS = 5000;

    /**
     * Below this, strangers' faces pass for enrolled people: on the benchmark photos strangers reached a cosine
     * similarity of 0.37 (README, bench-faces), and a threshold of 0 would name someone for every face.
     */
    public static final double MIN_THRESHOLD = 0.3;

    /** The keys of this section, for ConfigLoader's unknown-key check. */
    public static final Set<String> KEYS = Set.of("faces.threshold", "faces.votes", "faces.minSize",
            "faces.decideAfterMillis");

    public RecognitionConfig {
        if (!(threshold >= MIN_THRESHOLD && threshold <= 1)) {
            throw ConfigException.invalid("faces.threshold", String.valueOf(threshold), MIN_THRESHOLD + " to 1");
        }
        if (votes < 1 || votes > 20) {
            throw ConfigException.invalid("faces.votes", String.valueOf(votes), "1 to 20");
        }
        if (minSize < 12 || minSize > 2000) {
            throw ConfigException.invalid("faces.minSize", String.valueOf(minSize), "12 to 2000 px");
        }
        if (decideAfterMillis < 0 || decideAfterMillis > MAX_DECIDE_AFTER_MILLIS) {
            throw ConfigException.invalid("faces.decideAfterMillis", String.valueOf(decideAfterMillis),
                    "0 to " + MAX_DECIDE_AFTER_MILLIS + " ms");
        }
    }

    /** With the default wait for the best face. */
    public RecognitionConfig(double threshold, int votes, int minSize) {
        this(threshold, votes, minSize, DEFAULTS_DECIDE_AFTER_MILLIS);
    }

    static RecognitionConfig parse(Properties p) {
        return new RecognitionConfig(ConfigValues.decimal(p, "faces.threshold", DEFAULTS.threshold()),
                ConfigValues.integer(p, "faces.votes", DEFAULTS.votes()),
                ConfigValues.integer(p, "faces.minSize", DEFAULTS.minSize()),
                ConfigValues.integer(p, "faces.decideAfterMillis", (int) DEFAULTS.decideAfterMillis()));
    }
}
