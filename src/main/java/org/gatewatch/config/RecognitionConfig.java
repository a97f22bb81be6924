package org.gatewatch.config;

import java.util.Properties;
import java.util.Set;

/**
 * How sure face recognition must be before it names someone, for every camera with gate analysis.
 *
 * @param threshold cosine similarity a face needs to count as an enrolled person's ({@code faces.threshold});
 *                  below it the face is unknown
 * @param votes     frames of one walk-through whose faces must name the same person before the walk is decided
 *                  ({@code faces.votes}); one lucky frame of a stranger then opens nothing
 * @param minSize   smallest face, in pixels, the live cameras look for ({@code faces.minSize})
 */
public record RecognitionConfig(double threshold, int votes, int minSize) {

    /**
     * 0.60 from {@code bin/gatewatch bench-faces} (README); three frames, about half a second of a walk; 40 px
     * faces: smaller ones are too coarse for a 112 px embedding to name anyone, and looking for them costs the
     * face detector most of its time (its image pyramid starts at 12 px / minSize of the frame).
     */
    public static final RecognitionConfig DEFAULTS = new RecognitionConfig(0.60, 3, 40);

    /** The keys of this section, for ConfigLoader's unknown-key check. */
    public static final Set<String> KEYS = Set.of("faces.threshold", "faces.votes", "faces.minSize");

    public RecognitionConfig {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw ConfigException.invalid("faces.threshold", String.valueOf(threshold), "0 to 1");
        }
        if (votes < 1 || votes > 20) {
            throw ConfigException.invalid("faces.votes", String.valueOf(votes), "1 to 20");
        }
        if (minSize < 12 || minSize > 2000) {
            throw ConfigException.invalid("faces.minSize", String.valueOf(minSize), "12 to 2000 px");
        }
    }

    static RecognitionConfig parse(Properties p) {
        return new RecognitionConfig(ConfigValues.decimal(p, "faces.threshold", DEFAULTS.threshold()),
                ConfigValues.integer(p, "faces.votes", DEFAULTS.votes()),
                ConfigValues.integer(p, "faces.minSize", DEFAULTS.minSize()));
    }
}
