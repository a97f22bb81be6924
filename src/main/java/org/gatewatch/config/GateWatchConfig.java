package org.gatewatch.config;

import java.util.List;
import java.util.Properties;

/**
 * Everything read from gatewatch.properties, validated once at start.
 *
 * @param faces     face recognition's threshold and votes ({@code faces.*})
 * @param delegated the sections that the stage they configure reads and checks itself ({@code people.*} for
 *                  analysis), so this package needs nothing of theirs
 */
public record GateWatchConfig(List<CameraConfig> cameras, StreamConfig stream, RecordsConfig records,
                              RecognitionConfig faces, Properties delegated, String origin) {

    /** Without the events, faces and delegated sections: their defaults (outputs off). */
    public GateWatchConfig(List<CameraConfig> cameras, StreamConfig stream, String origin) {
        this(cameras, stream, RecordsConfig.DEFAULTS, RecognitionConfig.DEFAULTS, new Properties(), origin);
    }

    public GateWatchConfig {
        cameras = List.copyOf(cameras);
        if (cameras.isEmpty()) {
            throw ConfigException.invalid("cameras", "", "at least one camera id");
        }
        Properties copy = new Properties();
        copy.putAll(delegated);
        delegated = copy;
    }

    /** A copy: the record stays immutable. */
    @Override
    public Properties delegated() {
        Properties copy = new Properties();
        copy.putAll(delegated);
        return copy;
    }
}
