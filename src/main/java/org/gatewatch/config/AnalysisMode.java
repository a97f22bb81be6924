package org.gatewatch.config;

/** A camera's {@code analysis} setting: what is analysed beside capture, on the newest frame. */
public enum AnalysisMode {
    /** A plain stream. */
    OFF,
    /** Pedestrians detected, tracked and counted; each walk-through is a PASSAGE event. */
    PEOPLE,
    /** Pedestrians, and faces recognised against the enrolled persons: one access decision per walk-through. */
    GATE;

    /** The value as written in the configuration and shown by /api/status. */
    public String spelling() {
        return ConfigValues.spelling(this);
    }

    /** The mode {@code value} of {@code key} names, or a ConfigException naming the key and the accepted values. */
    public static AnalysisMode parse(String key, String value) {
        return ConfigValues.mode(AnalysisMode.class, key, value);
    }
}
