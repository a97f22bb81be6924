package org.gatewatch.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A camera's {@code analysis} setting: what is analysed beside capture, on the newest frame. */
public enum AnalysisMode {
    /** A plain stream. */
    OFF,
    /** Pedestrians detected, tracked and counted; each walk-through is a PASSAGE event. */
    PEOPLE,
    /** Pedestrians, and faces recognised against the enrolled persons: one access decision per walk-through. */
    GATE;

    /** The values as written in the configuration, in declaration order. */
    public static final List<String> SPELLINGS = Arrays.stream(values()).map(AnalysisMode::spelling).toList();

    /** The value as written in the configuration and shown by /api/status. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode {@code value} of {@code key} names, or a ConfigException naming the key and the accepted values. */
    public static AnalysisMode parse(String key, String value) {
        for (AnalysisMode mode : values()) {
            if (mode.spelling().equals(value)) {
                return mode;
            }
        }
        throw ConfigException.invalid(key, value, "one of " + SPELLINGS);
    }
}
