package org.gatewatch.config;

import java.util.List;

/** Everything read from gatewatch.properties, validated once at start. */
public record GateWatchConfig(List<CameraConfig> cameras, StreamConfig stream, RecordsConfig records, String origin) {

    /** Without the events section: its defaults (outputs off). */
    public GateWatchConfig(List<CameraConfig> cameras, StreamConfig stream, String origin) {
        this(cameras, stream, RecordsConfig.DEFAULTS, origin);
    }

    public GateWatchConfig {
        cameras = List.copyOf(cameras);
        if (cameras.isEmpty()) {
            throw ConfigException.invalid("cameras", "", "at least one camera id");
        }
    }
}
