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
 */
public record CameraConfig(String id, String name, String source, double fpsCap, int jpegQuality,
                           int idleSeconds, boolean alwaysOn, String analysis, double[] countingLine) {

    /** The values of {@code camera.<id>.analysis}. */
    public static final java.util.List<String> ANALYSES = java.util.List.of("off", "people", "gate");

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
    }
}
