package org.gatewatch.config;

/** A camera's {@code liveness} setting: what anti-spoofing does for the faces that could grant access. */
public enum LivenessMode {
    /** No liveness model. */
    OFF,
    /** Each face that could grant access is scored and the score stored with the event. */
    SCORE,
    /** As {@link #SCORE}, and a score above the threshold turns GRANTED into DENIED (rule {@code liveness}). */
    ENFORCE;

    /** The value as written in the configuration and shown by /api/status. */
    public String spelling() {
        return ConfigValues.spelling(this);
    }

    /** The mode {@code value} of {@code key} names, or a ConfigException naming the key and the accepted values. */
    public static LivenessMode parse(String key, String value) {
        return ConfigValues.mode(LivenessMode.class, key, value);
    }
}
