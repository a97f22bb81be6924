package org.gatewatch.config;

import java.util.Objects;
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
 * @param analysis    what is analysed beside capture: off, people (pedestrians tracked and counted) or gate (people,
 *                    faces recognised, access decisions recorded as events)
 * @param liveness    what anti-spoofing does for the faces that could grant access; used by gate analysis only
 * @param livenessThreshold spoof score above which {@code enforce} denies, 0..1
 * @param pedestrians the camera's pedestrian analysis: the people.* keys with its own overrides and counting line
 * @param downAfterSeconds seconds without a frame, while capturing, before a CAMERA_DOWN event is recorded
 */
public record CameraConfig(String id, String name, String source, double fpsCap, int jpegQuality,
                           int idleSeconds, boolean alwaysOn, AnalysisMode analysis, LivenessMode liveness,
                           double livenessThreshold, PedestrianConfig pedestrians, int downAfterSeconds) {

    /** The default of {@code camera.<id>.downAfterSeconds}. */
    public static final int DEFAULT_DOWN_AFTER_SECONDS = 10;

    /** With the default {@code downAfterSeconds}. */
    public CameraConfig(String id, String name, String source, double fpsCap, int jpegQuality, int idleSeconds,
                        boolean alwaysOn, AnalysisMode analysis, LivenessMode liveness, double livenessThreshold,
                        PedestrianConfig pedestrians) {
        this(id, name, source, fpsCap, jpegQuality, idleSeconds, alwaysOn, analysis, liveness, livenessThreshold,
                pedestrians, DEFAULT_DOWN_AFTER_SECONDS);
    }

    /**
     * The default of {@code camera.<id>.liveness}: the score is stored, never enforced. Measured before choosing
     * (bin/gatewatch bench-faces, README): the model calls most real faces of ordinary cameras attacks.
     */
    public static final LivenessMode DEFAULT_LIVENESS = LivenessMode.SCORE;
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
        Objects.requireNonNull(analysis, prefix + "analysis");
        Objects.requireNonNull(liveness, prefix + "liveness");
        Objects.requireNonNull(pedestrians, prefix + "people.*");
        if (liveness == LivenessMode.ENFORCE && analysis != AnalysisMode.GATE) {
            // Only gate analysis takes access decisions: anything else would promise a protection that never acts.
            throw ConfigException.invalid(prefix + "liveness", liveness.spelling(),
                    "enforce needs " + prefix + "analysis = gate");
        }
        if (downAfterSeconds < 1 || downAfterSeconds > 3_600) {
            throw ConfigException.invalid(prefix + "downAfterSeconds", String.valueOf(downAfterSeconds), "1 to 3600");
        }
        if (!(livenessThreshold >= 0 && livenessThreshold <= 1)) {
            throw ConfigException.invalid(prefix + "livenessThreshold", String.valueOf(livenessThreshold), "0 to 1");
        }
    }

    /** Whether a failed liveness check denies access on this camera. */
    public boolean livenessEnforced() {
        return liveness == LivenessMode.ENFORCE;
    }

    /** As a record prints itself, with the source's password masked. */
    @Override
    public String toString() {
        return "CameraConfig[id=" + id + ", name=" + name + ", source=" + Secrets.maskUrl(source) + ", fpsCap=" + fpsCap
                + ", jpegQuality=" + jpegQuality + ", idleSeconds=" + idleSeconds + ", alwaysOn=" + alwaysOn
                + ", analysis=" + analysis + ", liveness=" + liveness + ", livenessThreshold=" + livenessThreshold
                + ", pedestrians=" + pedestrians + ", downAfterSeconds=" + downAfterSeconds + "]";
    }
}
