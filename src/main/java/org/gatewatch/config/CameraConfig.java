package org.gatewatch.config;

import java.util.regex.Pattern;

/**
 * One camera as the operator configured it.
 *
 * @param id          URL-safe identifier, used in /cameras/{id}/…
 * @param name        human name shown on the page
 * @param source      where frames come from: {@code demo}, a file, a folder, a V4L2 device, an HTTP(S) MJPEG or RTSP URL
 * @param fpsCap      highest frame rate captured and encoded; 0 keeps the source's own rate
 * @param jpegQuality JPEG quality 1..100 of the streamed frames
 * @param idleSeconds seconds without a viewer before the capture thread stops
 * @param alwaysOn    keep capturing with no viewer (analysis needs every frame)
 * @param analysis    {@code off}, {@code people} (pedestrians tracked and counted) or {@code gate} (people, faces
 *                    recognised, access decisions recorded as events)
 * @param countingLine x1,y1,x2,y2 in frame pixels for in/out counts, or null
 * @param liveness    {@code off} (no liveness model), {@code score} (each face that could grant access is scored and
 *                    the score stored with the event) or {@code enforce} (also: a score above the threshold turns
 *                    GRANTED into DENIED, rule {@code liveness}); used by {@code gate} analysis only
 * @param livenessThreshold spoof score above which {@code enforce} denies, 0..1
 */
public record CameraConfig(String id, String name, String source, double fpsCap, int jpegQuality,
                           int idleSeconds, boolean alwaysOn, String analysis, double[] countingLine,
                           String liveness, double livenessThreshold) {

    /** The values of {@code camera.<id>.analysis}. */
    public static final java.util.List<String> ANALYSES = java.util.List.of("off", "people", "gate");
    /** The values of {@code camera.<id>.liveness}. */
    public static final java.util.List<String> LIVENESS = java.util.List.of("off", "score", "enforce");
    /**
     * The default of {@code camera.<id>.liveness}: the score is stored, never enforced. Measured before choosing
     * (bin/gatewatch bench-faces, README): the model calls most real faces of ordinary cameras attacks.
     */
    public static final String DEFAULT_LIVENESS = "score";
    /**
     * The default of {@code camera.<id>.livenessThreshold}: 0.2, the threshold the Android demo app the liveness model
     * comes with uses (syaringan357/Android-MobileFaceNet-MTCNN-FaceAntiSpoofing, FaceAntiSpoofing.THRESHOLD).
     */
    public static final double DEFAULT_LIVENESS_THRESHOLD = 0.2;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Ids appear in URLs: letters, digits, '-' and '_' only. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The counting line, copied (records would otherwise share the array). */
    @Override
    public double[] countingLine() {
        return countingLine == null ? null : countingLine.clone();
    }

    public CameraConfig {
        if (!isValidId(id)) {
            throw ConfigException.invalid("cameras", String.valueOf(id), "ids are 1-64 letters, digits, '-' or '_'");
        }
        String prefix = "camera." + id + ".";
        if (source == null || source.isBlank()) {
            throw ConfigException.invalid(prefix + "source", String.valueOf(source), "required");
        }
        if (fpsCap < 0 || fpsCap > 120) {
            throw ConfigException.invalid(prefix + "fps", String.valueOf(fpsCap), "0 (source rate) to 120");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw ConfigException.invalid(prefix + "jpegQuality", String.valueOf(jpegQuality), "1 to 100");
        }
        if (idleSeconds < 1 || idleSeconds > 86_400) {
            throw ConfigException.invalid(prefix + "idleSeconds", String.valueOf(idleSeconds), "1 to 86400");
        }
        if (name == null || name.isBlank()) {
            name = id;
        }
        if (!ANALYSES.contains(analysis)) {
            throw ConfigException.invalid(prefix + "analysis", String.valueOf(analysis), "one of " + ANALYSES);
        }
        if (countingLine != null) {
            if (countingLine.length != 4
                    || (countingLine[0] == countingLine[2] && countingLine[1] == countingLine[3])) {
                throw ConfigException.invalid(prefix + "countingLine", java.util.Arrays.toString(countingLine),
                        "x1,y1,x2,y2: two different points");
            }
            countingLine = countingLine.clone();
        }
        if (!LIVENESS.contains(liveness)) {
            throw ConfigException.invalid(prefix + "liveness", String.valueOf(liveness), "one of " + LIVENESS);
        }
        if (liveness.equals("enforce") && !analysis.equals("gate")) {
            // Only gate analysis takes access decisions: anything else would promise a protection that never acts.
            throw ConfigException.invalid(prefix + "liveness", liveness, "enforce needs " + prefix + "analysis = gate");
        }
        if (!(livenessThreshold >= 0 && livenessThreshold <= 1)) {
            throw ConfigException.invalid(prefix + "livenessThreshold", String.valueOf(livenessThreshold), "0 to 1");
        }
    }

    /** Whether a failed liveness check denies access on this camera. */
    public boolean livenessEnforced() {
        return liveness.equals("enforce");
    }
}
