package org.gatewatch.config;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Everything read from gatewatch.properties, validated once at start.
 *
 * @param faces     face recognition's threshold and votes ({@code faces.*})
 */
public record GateWatchConfig(List<CameraConfig> cameras, StreamConfig stream, RecordsConfig records,
                              RecognitionConfig faces, String origin) {

    /** Without the events and faces sections: their defaults (outputs off). */
    public GateWatchConfig(List<CameraConfig> cameras, StreamConfig stream, String origin) {
        this(cameras, stream, RecordsConfig.DEFAULTS, RecognitionConfig.DEFAULTS, origin);
    }

    public GateWatchConfig {
        cameras = List.copyOf(cameras);
        if (cameras.isEmpty()) {
            throw ConfigException.invalid("cameras", "", "at least one camera id");
        }
    }

    /** How many cameras analyse what they see ({@code analysis} other than {@code off}). */
    public int analysingCameras() {
        return (int) cameras.stream().filter(c -> c.analysis() != AnalysisMode.OFF).count();
    }

    /** The camera listed as {@code id}. */
    public CameraConfig camera(String id) {
        return cameras.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no camera " + id + " in " + origin));
    }
}
