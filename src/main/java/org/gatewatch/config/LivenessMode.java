package org.gatewatch.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A camera's {@code liveness} setting: what anti-spoofing does for the faces that could grant access. */
public enum LivenessMode {
    /** No liveness model. */
    OFF,
    /** Each face that could grant access is scored and the score stored with the event. */
    SCORE,
    /** As {@link #SCORE}, and a score above the threshold turns GRANTED into DENIED (rule {@code liveness}). */
    ENFORCE;

    /** The values as written in the configuration, in declaration order. */
    public static final List<String> SPELLINGS = Arrays.stream(values()).map(LivenessMode::spelling).toList();

    /** The value as written in the configuration and shown by /api/status. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode {@code value} of {@code key} names, or a ConfigException naming the key and the accepted values. */
    public static LivenessMode parse(String key, String value) {
        for (LivenessMode mode : values()) {
            if (mode.spelling().equals(value)) {
                return mode;
            }
        }
        throw ConfigException.invalid(key, value, "one of " + SPELLINGS);
    }
}
